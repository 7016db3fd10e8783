import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { formatDate, formatNumber } from '@/components/ui/format';
import type { DueVehicle } from '@/lib/interventions/follow-up';
import { REMINDER_CONSENT_LABELS, REMINDER_REASON_LABELS, type ReminderConsent } from '@/lib/reminders/schema';
import { SendReminderButton } from './send-reminder-button';

/** What a row shows: the due vehicle as the query returns it, and its owner's reminder consent. */
export type DueVehicleRow = Pick<
  DueVehicle,
  | 'vehicleId'
  | 'label'
  | 'dueDate'
  | 'reasons'
  | 'nextInspectionDue'
  | 'nextServiceDue'
  | 'nextServiceKm'
  | 'serviceDueByKm'
  | 'customer'
> & { consent: ReminderConsent };

/** A calendar day "YYYY-MM-DD" shown fr-FR (noon UTC is the same day in Paris). */
const day = (d: string, style: 'short' | 'long' = 'short') => formatDate(`${d}T12:00:00Z`, style);

function reasonDetail(row: DueVehicleRow, reason: 'inspection' | 'service'): string {
  if (reason === 'inspection') return row.nextInspectionDue ? `avant le ${day(row.nextInspectionDue)}` : '';
  if (row.serviceDueByKm && row.nextServiceKm != null)
    return `kilométrage atteint (${formatNumber(row.nextServiceKm)} km)`;
  return row.nextServiceDue ? `prévu le ${day(row.nextServiceDue)}` : '';
}

/** The rows of "À relancer": a table on wide screens, stacked cards on phones. */
export function DueVehicleList({
  rows,
  today,
  days,
  canSend,
}: {
  rows: DueVehicleRow[];
  today: string;
  days: number;
  canSend: boolean;
}) {
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {rows.map((r) => {
        const overdue = r.dueDate < today;
        const phone = r.customer.mobile ?? r.customer.phone;
        return (
          <li key={r.vehicleId} className="grid gap-2 p-3 sm:grid-cols-[8rem_1fr_1fr_auto] sm:items-start">
            <div>
              <span className="block text-sm font-medium text-slate-900">{day(r.dueDate)}</span>
              {overdue && <Badge tone="danger">En retard</Badge>}
            </div>
            <div className="text-sm">
              <span className="block font-medium text-slate-900">{r.label}</span>
              <ul className="mt-1 space-y-0.5">
                {r.reasons.map((reason) => (
                  <li key={reason} className="text-slate-700">
                    <Badge tone={reason === 'inspection' ? 'warning' : 'info'}>{REMINDER_REASON_LABELS[reason]}</Badge>{' '}
                    {reasonDetail(r, reason)}
                  </li>
                ))}
              </ul>
            </div>
            <div className="text-sm">
              <Link
                href={`/customers/${r.customer.id}`}
                className="font-medium text-blue-700 underline-offset-2 hover:underline"
              >
                {r.customer.name}
              </Link>{' '}
              <span className="text-slate-500">{r.customer.number}</span>
              <div className="text-slate-600">
                {phone && (
                  <a href={`tel:${phone}`} className="mr-2 underline-offset-2 hover:underline">
                    {phone}
                  </a>
                )}
                {r.customer.email ? <span className="break-all">{r.customer.email}</span> : <span>Pas d’e-mail</span>}
              </div>
            </div>
            <div className="space-y-1">
              <Badge tone={r.consent === 'granted' ? 'success' : 'neutral'}>{REMINDER_CONSENT_LABELS[r.consent]}</Badge>
              {canSend && r.customer.email ? (
                <SendReminderButton vehicleId={r.vehicleId} days={days} label={r.label} />
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
