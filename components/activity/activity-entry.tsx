import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import {
  Banknote,
  Car,
  Circle,
  FileOutput,
  FileText,
  FileMinus,
  GitMerge,
  HandCoins,
  Mail,
  NotebookPen,
  Phone,
  Receipt,
  Repeat,
  Settings,
  ShieldCheck,
  UserRound,
  Wrench,
} from 'lucide-react';
import { cn } from '@/components/ui/cn';
import { formatDateTime, formatTime, frenchText } from '@/components/ui/format';
import { ACTIVITY_TYPE_LABELS } from '@/lib/activity/labels';
import type { ActivityDto } from '@/lib/activity/schema';
import { activityDescription, activityDetails } from './activity-details';

/** Server/client safe: pure rendering of one timeline entry. SVG icons: no emoji font needed. */
const ICONS: Record<string, { icon: LucideIcon; tone: string }> = {
  call: { icon: Phone, tone: 'bg-green-100 text-green-800' },
  visit: { icon: Car, tone: 'bg-blue-100 text-blue-800' },
  note: { icon: NotebookPen, tone: 'bg-amber-100 text-amber-800' },
  email: { icon: Mail, tone: 'bg-sky-100 text-sky-800' },
  intervention: { icon: Wrench, tone: 'bg-indigo-100 text-indigo-800' },
  invoice: { icon: Receipt, tone: 'bg-purple-100 text-purple-800' },
  payment: { icon: Banknote, tone: 'bg-emerald-100 text-emerald-800' },
  'credit-note': { icon: FileMinus, tone: 'bg-purple-100 text-purple-800' },
  refund: { icon: HandCoins, tone: 'bg-emerald-100 text-emerald-800' },
  document: { icon: FileText, tone: 'bg-slate-100 text-slate-700' },
  consent: { icon: ShieldCheck, tone: 'bg-teal-100 text-teal-800' },
  status: { icon: Repeat, tone: 'bg-orange-100 text-orange-800' },
  profile: { icon: UserRound, tone: 'bg-slate-100 text-slate-700' },
  export: { icon: FileOutput, tone: 'bg-slate-100 text-slate-700' },
  merge: { icon: GitMerge, tone: 'bg-slate-100 text-slate-700' },
  system: { icon: Settings, tone: 'bg-slate-100 text-slate-700' },
  other: { icon: Circle, tone: 'bg-slate-100 text-slate-700' },
};

/** Where the entry's cross reference leads, when its details do not already link it. */
export function relatedLink(
  customerId: string,
  a: Pick<ActivityDto, 'relatedType' | 'relatedId' | 'type'>,
): { href: string; label: string } | null {
  const id = a.relatedId;
  const base = `/customers/${customerId}`;
  switch (a.relatedType) {
    case 'invoice':
      // An invoice entry links its number in the details; a reminder call links the invoice here.
      return id && a.type !== 'invoice' ? { href: `${base}/finances#invoice-${id}`, label: 'Voir la facture' } : null;
    case 'payment':
      return { href: `${base}/finances${id ? `#payment-${id}` : '#paiements'}`, label: 'Voir les paiements' };
    case 'credit-note':
    case 'refund':
      // Their details link the invoice; the list of corrections is one anchor on the Finances tab.
      return { href: `${base}/finances#corrections`, label: 'Voir les avoirs et remboursements' };
    case 'document':
      return id ? { href: `/api/customers/${customerId}/documents/${id}`, label: 'Télécharger le document' } : null;
    case 'contact':
      return { href: `${base}${id ? `#contact-${id}` : ''}`, label: 'Voir le contact' };
    case 'vehicle':
      return { href: `${base}${id ? `#vehicle-${id}` : ''}`, label: 'Voir le véhicule' };
    case 'note':
      return { href: `${base}${id ? `#note-${id}` : ''}`, label: 'Voir la note' };
    case 'consent':
    case 'consent_event':
      return { href: `${base}/consents`, label: 'Voir les consentements' };
    default:
      return null;
  }
}

export function ActivityEntry({
  activity: a,
  customerId,
  fresh,
  actions,
}: {
  activity: ActivityDto;
  customerId: string;
  fresh?: boolean;
  /** « Modifier / Supprimer » for an entry the viewer may correct (the timeline passes it; the 360 block does not). */
  actions?: ReactNode;
}) {
  const icon = ICONS[a.type] ?? ICONS.other;
  const link = relatedLink(customerId, a);
  const details = activityDetails(a, customerId);
  const description = activityDescription(a);
  const actor = a.actor.kind === 'token' ? `${a.actor.name} (API)` : a.actor.name;
  return (
    <li
      className={cn('flex gap-3 py-3', fresh && 'rounded-md bg-blue-50/60')}
      data-testid="activity-entry"
      data-type={a.type}
    >
      <span
        aria-hidden="true"
        className={cn('flex size-9 shrink-0 items-center justify-center rounded-full', icon.tone)}
      >
        <icon.icon className="size-4" aria-hidden="true" />
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline gap-x-2">
          <p className="font-medium break-words text-slate-900">{frenchText(a.title, { decimals: false })}</p>
          <span className="text-xs text-slate-600">{ACTIVITY_TYPE_LABELS[a.type] ?? a.type}</span>
          {actions && <div className="ml-auto">{actions}</div>}
        </div>
        <p className="text-xs text-slate-600">
          <time dateTime={a.occurredAt} title={formatDateTime(a.occurredAt)}>
            {formatTime(a.occurredAt)}
          </time>{' '}
          · {actor}
          {a.editedAt && (
            <>
              {' '}
              · <span title={formatDateTime(a.editedAt)}>corrigée le {formatDateTime(a.editedAt)}</span>
            </>
          )}
        </p>
        {description && <p className="mt-1 text-sm whitespace-pre-line break-words text-slate-800">{description}</p>}
        {details.length > 0 && (
          <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-sm text-slate-700">
            {details.map((d) => (
              <div key={d.label} className="flex min-w-0 gap-1">
                <dt className="text-slate-600">{`${d.label}\u202f:`}</dt>
                <dd className="min-w-0 break-words">
                  {d.href ? (
                    <a
                      href={d.href}
                      className="inline-flex min-h-6 items-center font-medium text-blue-700 underline underline-offset-2"
                    >
                      {d.value}
                    </a>
                  ) : (
                    d.value
                  )}
                </dd>
              </div>
            ))}
          </dl>
        )}
        {link && (
          <a
            href={link.href}
            className="mt-1 inline-flex min-h-11 items-center text-sm font-medium text-blue-700 underline-offset-2 hover:underline"
          >
            {link.label}
          </a>
        )}
      </div>
    </li>
  );
}
