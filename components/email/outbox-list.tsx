import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import { KeysetNav } from '@/components/ui/keyset-nav';
import { purposeLabel } from '@/lib/consents/config';
import { EMAIL_STATUS_LABELS } from '@/lib/email/labels';
import type { OutboxEmailDto } from '@/lib/email/queries';
import type { Page } from '@/lib/pagination';
import { RetryEmailButton } from './retry-email-button';

const TONES = { queued: 'info', sent: 'success', failed: 'danger', blocked: 'warning' } as const;

/**
 * The customer's outbox, newest first, with each e-mail's status in French, the reason of a failure or a
 * refusal, and « Réessayer » on failed ones for roles that send e-mail. Keyset pages through
 * `?emailsCursor=` (the server renders each page).
 */
export function OutboxList({
  customerId,
  page,
  isFirstPage,
  smtpConfigured,
  canRetry,
}: {
  customerId: string;
  page: Page<OutboxEmailDto>;
  isFirstPage: boolean;
  smtpConfigured: boolean;
  canRetry: boolean;
}) {
  if (!page.data.length && isFirstPage) return <EmptyState title="Aucun e-mail envoyé à ce client" />;
  const base = `/customers/${customerId}/consents`;
  return (
    <div className="space-y-2">
      {!smtpConfigured && (
        <p className="text-sm text-slate-600">
          Aucun serveur SMTP n’est configuré : les e-mails acceptés restent dans la file d’envoi ci-dessous.
        </p>
      )}
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200" data-testid="outbox">
        {page.data.map((m) => (
          <li key={m.id} className="space-y-1 px-3 py-2 text-sm">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-medium break-all text-slate-900">{m.subject}</span>
              <Badge tone={TONES[m.status]}>{EMAIL_STATUS_LABELS[m.status]}</Badge>
            </div>
            <p className="text-slate-600">
              {formatDateTime(m.createdAt)} · {purposeLabel(m.purpose)} · à {m.to} · par {m.actorName}
              {m.sentAt ? ` · envoyé le ${formatDateTime(m.sentAt)}` : ''}
              {m.attachments.length ? ` · pièce jointe : ${m.attachments.join(', ')}` : ''}
            </p>
            {m.error && <p className={m.status === 'failed' ? 'text-red-800' : 'text-amber-900'}>{m.error}</p>}
            {canRetry && m.status === 'failed' && (
              <RetryEmailButton customerId={customerId} emailId={m.id} subject={m.subject} />
            )}
          </li>
        ))}
      </ul>
      <KeysetNav
        label="Pages des e-mails"
        olderLabel="E-mails plus anciens"
        isFirstPage={isFirstPage}
        nextCursor={page.nextCursor}
        href={(cursor) => `${base}${cursor ? `?emailsCursor=${encodeURIComponent(cursor)}` : ''}#email`}
      />
    </div>
  );
}
