import 'server-only';
import nodemailer from 'nodemailer';
import { env } from '@/lib/env';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
  /** The customer's document the file is (kept in the outbox row so « Réessayer » can send it again). */
  documentId?: string;
}

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

/**
 * Where queued e-mails go. `smtp` delivers through nodemailer; `outbox` keeps them in the
 * email_outbox table (status stays 'queued') for the UI to show when no SMTP server is configured.
 */
export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  /** Throws with the server's reply when the message is refused. */
  deliver(message: MailMessage): Promise<{ messageId: string | null }>;
}

const outboxTransport: MailTransport = {
  kind: 'outbox',
  async deliver() {
    return { messageId: null };
  },
};

function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    // Never hang a request on a dead server.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    kind: 'smtp',
    async deliver(message) {
      const info = await transporter.sendMail(message);
      return { messageId: info.messageId ?? null };
    },
  };
}

const cache = globalThis as unknown as { __c360Mail?: { url: string | undefined; transport: MailTransport } };

/** One transport per SMTP_URL (tests change it and call resetEnvCache()). */
export function getMailTransport(): MailTransport {
  const url = env().SMTP_URL;
  let entry = cache.__c360Mail;
  if (!entry || entry.url !== url) {
    entry = { url, transport: url ? smtpTransport(url) : outboxTransport };
    cache.__c360Mail = entry;
  }
  return entry.transport;
}

/** The SMTP server's reply (e.g. "550 Mailbox unavailable"), short enough to store and show. */
export function smtpErrorMessage(error: unknown): string {
  const e = error as { response?: string; message?: string; code?: string };
  const text = (e?.response || e?.message || String(error)).replace(/\s+/g, ' ').trim();
  return text.slice(0, 500) || 'Erreur SMTP inconnue';
}
