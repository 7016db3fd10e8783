import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { customerActivity, customers, emailOutbox, type EmailStatus } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { withActivity } from '@/lib/audit';
import {
  consentValidUntil,
  hasProof,
  PROOF_REQUIRED_PURPOSES,
  purposeLabel,
  requiresConsent,
} from '@/lib/consents/config';
import { getLatestConsentEvent, lastContactAtSql } from '@/lib/consents/queries';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { ConsentPurpose } from '@/lib/consents/config';
import { emailPurposeToConsent, type SendEmailInput } from './schema';
import { getMailTransport, type MailAttachment, smtpErrorMessage } from './transport';

export interface SendEmailResult {
  id: string;
  status: EmailStatus;
  error: string | null;
}

/** What a caller other than the send form adds: files (SMTP only; the outbox keeps the text) and context. */
export interface SendEmailOptions {
  attachments?: MailAttachment[];
  /** Merged into the activities' metadata (e.g. the intervention or vehicle the e-mail is about). */
  metadata?: Record<string, unknown>;
}

const frDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/** The customer's current address and last contact (consent validity); 404 unknown or erased, 422 no address. */
export async function recipientOf(tx: Tx, customerId: string): Promise<{ email: string; lastContactAt: Date | null }> {
  const [customer] = await tx
    .select({
      email: customers.email,
      erasedAt: customers.erasedAt,
      lastContactAt: sql<Date | null>`${lastContactAtSql(sql`${customers.id}`)}`.mapWith(customerActivity.occurredAt),
    })
    .from(customers)
    .where(eq(customers.id, customerId))
    .limit(1);
  if (!customer || customer.erasedAt) throw AppError.notFound('Client introuvable.');
  if (!customer.email) {
    throw AppError.validation({ to: ['Ce client n’a pas d’adresse e-mail.'] }, 'Ce client n’a pas d’adresse e-mail.');
  }
  return { email: customer.email, lastContactAt: customer.lastContactAt };
}

/** Title and description of the activity that logs a consent refusal (first send and retry alike). */
export const refusalActivity = (refusal: string) => ({
  type: 'email' as const,
  title: 'Envoi refusé : consentement manquant',
  description: refusal,
});

/**
 * Sends an e-mail to a customer. Consent is checked before anything is queued: a recorded
 * withdrawal on the e-mail channel blocks its purpose, whatever it is (service notifications
 * included); any other purpose than service notifications needs a current, valid and, where
 * PROOF_REQUIRED_PURPOSES says so, provable grant (not a bare legacy import). A refusal is logged
 * (outbox row 'blocked' + activity) and a 403 consent_missing is thrown.
 * Delivery happens after the commit, so a slow SMTP server never holds a transaction open.
 */
export async function sendCustomerEmail(
  db: Db,
  actor: Actor,
  customerId: string,
  input: SendEmailInput,
  options: SendEmailOptions = {},
): Promise<SendEmailResult> {
  const purpose = emailPurposeToConsent(input.purpose);
  const outcome = await withActivity(db, actor, async (tx) => {
    const customer = await recipientOf(tx, customerId);
    const refusal = await consentRefusal(tx, customerId, purpose, customer.lastContactAt);
    const [row] = await tx
      .insert(emailOutbox)
      .values({
        customerId,
        to: customer.email,
        subject: input.subject,
        body: input.body,
        purpose,
        status: refusal ? 'blocked' : 'queued',
        error: refusal,
        actorKind: actor.kind,
        actorId: actor.id,
        actorName: actor.name,
        attachments: (options.attachments ?? []).map((a) => ({
          documentId: a.documentId ?? null,
          filename: a.filename,
          contentType: a.contentType,
        })),
      })
      .returning({ id: emailOutbox.id });
    const metadata = { ...options.metadata, outboxId: row.id, purpose, subject: input.subject, to: customer.email };
    return {
      value: { id: row.id, to: customer.email, refusal },
      activity: refusal
        ? {
            customerId,
            ...refusalActivity(refusal),
            metadata: { ...metadata, status: 'blocked' },
            relatedType: 'email',
            relatedId: row.id,
          }
        : {
            customerId,
            type: 'email',
            title: `E-mail mis en file : ${input.subject}`,
            description: `Finalité : ${purposeLabel(purpose)}.`,
            metadata: { ...metadata, status: 'queued' },
            relatedType: 'email',
            relatedId: row.id,
          },
    };
  });

  if (outcome.refusal) throw new AppError('consent_missing', outcome.refusal);
  return deliverQueuedEmail(db, actor, {
    id: outcome.id,
    customerId,
    to: outcome.to,
    subject: input.subject,
    body: input.body,
    purpose,
    attachments: options.attachments,
    metadata: options.metadata,
  });
}

/** An outbox row in status `queued`, as the adapter needs it. */
export interface QueuedEmail {
  id: string;
  customerId: string;
  to: string;
  subject: string;
  body: string;
  purpose: ConsentPurpose;
  attachments?: MailAttachment[];
  metadata?: Record<string, unknown>;
}

/**
 * Hands a queued row to the mail adapter, after the commit that queued it (a slow SMTP server never holds a
 * transaction open), then records the outcome: `sent` or `failed` with the server's reason, and its
 * activity, in one transaction. Without SMTP the row stays `queued` in the outbox. Used by the first send
 * and by « Réessayer » (lib/email/retry.ts).
 */
export async function deliverQueuedEmail(db: Db, actor: Actor, email: QueuedEmail): Promise<SendEmailResult> {
  const transport = getMailTransport();
  if (transport.kind === 'outbox') return { id: email.id, status: 'queued', error: null };

  let error: string | null = null;
  try {
    await transport.deliver({
      from: env().MAIL_FROM,
      to: email.to,
      subject: email.subject,
      text: email.body,
      attachments: email.attachments?.map(({ filename, content, contentType }) => ({ filename, content, contentType })),
    });
  } catch (e) {
    error = smtpErrorMessage(e);
  }
  const status: EmailStatus = error ? 'failed' : 'sent';
  await withActivity(db, actor, async (tx) => {
    await tx
      .update(emailOutbox)
      .set(error ? { status, error } : { status, sentAt: new Date() })
      .where(and(eq(emailOutbox.id, email.id), eq(emailOutbox.status, 'queued')));
    return {
      value: null,
      activity: {
        customerId: email.customerId,
        type: 'email',
        title: error ? `Échec de l’envoi : ${email.subject}` : `E-mail envoyé : ${email.subject}`,
        description: error ? `Le serveur de messagerie a refusé le message : ${error}` : `Envoyé à ${email.to}.`,
        metadata: {
          ...email.metadata,
          outboxId: email.id,
          purpose: email.purpose,
          status,
          ...(error ? { error } : {}),
        },
        relatedType: 'email',
        relatedId: email.id,
      },
    };
  });
  return { id: email.id, status, error };
}

/**
 * Why this purpose may not be e-mailed now (null = allowed). A withdrawal counts for every purpose;
 * a consent-free purpose (service notifications) needs no grant, the others a provable one.
 */
export async function consentRefusal(
  tx: Parameters<typeof getLatestConsentEvent>[0],
  customerId: string,
  purpose: ConsentPurpose,
  lastContactAt: Date | null,
): Promise<string | null> {
  const label = `« ${purposeLabel(purpose)} »`;
  const latest = await getLatestConsentEvent(tx, customerId, purpose, 'email');
  if (latest && !latest.granted) {
    return `Envoi refusé : le client a retiré son consentement ${label} par e-mail le ${frDate.format(latest.occurredAt)}.`;
  }
  if (!requiresConsent(purpose)) return null;
  if (!latest) return `Envoi refusé : le client n’a jamais donné son consentement ${label} par e-mail.`;
  if (PROOF_REQUIRED_PURPOSES.includes(purpose) && !hasProof(latest)) {
    return `Envoi refusé : le consentement ${label} par e-mail n’a pas de preuve (${latest.source === 'legacy-import' ? 'repris de l’ancien système' : 'texte accepté non renseigné'}) ; faites-le recueillir à nouveau.`;
  }
  const validUntil = consentValidUntil(purpose, latest.occurredAt, lastContactAt);
  if (validUntil && validUntil < new Date()) {
    return `Envoi refusé : le consentement ${label} par e-mail a expiré le ${frDate.format(validUntil)} ; faites-le renouveler.`;
  }
  return null;
}
