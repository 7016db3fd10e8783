import Link from 'next/link';
import { formatDate, formatMoney, formatTime } from '@/components/ui/format';
import { kindLabel } from '@/lib/interventions/labels';
import type { InterventionListItem } from '@/lib/interventions/types';
import { addressText, durationText, InterventionStatusBadge } from './status-badge';

/** A list of a customer's interventions (cards on phones, the same markup on desktop). */
export function InterventionList({
  items,
  customerId,
  showAmounts,
  empty,
}: {
  items: InterventionListItem[];
  customerId: string;
  showAmounts: boolean;
  empty: string;
}) {
  if (!items.length) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {items.map((iv) => (
        <li key={iv.id} className="py-3 first:pt-0 last:pb-0">
          <Link
            href={`/customers/${customerId}/interventions/${iv.id}`}
            className="block rounded-md text-slate-900 no-underline hover:bg-slate-50 hover:no-underline"
          >
            <span className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-medium">
                {kindLabel(iv.kind)} · {formatDate(iv.scheduledAt)} {formatTime(iv.scheduledAt)}
              </span>
              <InterventionStatusBadge status={iv.status} />
            </span>
            <span className="mt-1 block text-sm text-slate-600">
              {[
                iv.technician?.name ?? 'Technicien à affecter',
                iv.vehicle?.label,
                durationText(iv.durationMinutes),
                addressText(iv),
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
            {iv.cancelReason && <span className="block text-sm text-red-800">Motif : {iv.cancelReason}</span>}
            {showAmounts && iv.totalTtcCents > 0 && (
              <span className="block text-sm tabular-nums text-slate-700">{formatMoney(iv.totalTtcCents)} TTC</span>
            )}
          </Link>
        </li>
      ))}
    </ul>
  );
}
