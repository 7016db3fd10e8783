import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import { purposeLabel } from '@/lib/consents/config';
import { EMAIL_STATUS_LABELS } from '@/lib/email/schema';
import type { OutboxEmailDto } from '@/lib/email/queries';

const TONES = { queued: 'info', sent: 'success', failed: 'danger', blocked: 'warning' } as const;

/** The customer's latest e-mails with their status and, for failures and refusals, the reason. */
export function OutboxList({ emails, smtpConfigured }: { emails: OutboxEmailDto[]; smtpConfigured: boolean }) {
  if (!emails.length) return <EmptyState title="Aucun e-mail envoyé à ce client" />;
  return (
    <div className="space-y-2">
      {!smtpConfigured && (
        <p className="text-sm text-slate-600">
          Aucun serveur SMTP n’est configuré : les e-mails acceptés restent dans la file d’envoi ci-dessous.
        </p>
      )}
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
        {emails.map((m) => (
          <li key={m.id} className="space-y-1 px-3 py-2 text-sm">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-medium text-slate-900 break-all">{m.subject}</span>
              <Badge tone={TONES[m.status]}>{EMAIL_STATUS_LABELS[m.status]}</Badge>
            </div>
            <p className="text-slate-600">
              {formatDateTime(m.createdAt)} · {purposeLabel(m.purpose)} · à {m.to} · par {m.actorName}
              {m.sentAt ? ` · envoyé le ${formatDateTime(m.sentAt)}` : ''}
            </p>
            {m.error && <p className={m.status === 'failed' ? 'text-red-800' : 'text-amber-900'}>{m.error}</p>}
          </li>
        ))}
      </ul>
    </div>
  );
}
