import Link from 'next/link';
import { formatDate, formatTime } from '@/components/ui/format';
import { kindLabel } from '@/lib/interventions/labels';
import type { InterventionWithCustomer, PersonRef } from '@/lib/interventions/types';
import { ReassignForm } from './reassign-form';
import { addressText, durationText, InterventionStatusBadge } from './status-badge';

/** The managers' planning: one section per technician (then the unassigned ones), visits in time order. */
export function PlanningView({
  items,
  technicians,
  week,
}: {
  items: InterventionWithCustomer[];
  technicians: PersonRef[];
  week: boolean;
}) {
  if (!items.length) return <p className="text-sm text-slate-600">Aucune intervention sur cette période.</p>;
  const groups = new Map<string, { name: string; rows: InterventionWithCustomer[] }>();
  for (const iv of items) {
    const key = iv.technician?.id ?? '';
    const group = groups.get(key) ?? { name: iv.technician?.name ?? 'Non affectées', rows: [] };
    group.rows.push(iv);
    groups.set(key, group);
  }
  const ordered = [...groups.entries()].sort(([a, x], [b, y]) =>
    !a ? 1 : !b ? -1 : x.name.localeCompare(y.name, 'fr'),
  );
  return (
    <div className="space-y-4">
      {ordered.map(([key, group]) => (
        <section
          key={key || 'none'}
          aria-labelledby={`tech-${key || 'none'}`}
          className="rounded-lg border border-slate-200 bg-white"
        >
          <h2 id={`tech-${key || 'none'}`} className="border-b border-slate-100 px-4 py-3 text-base font-semibold">
            {group.name} <span className="text-sm font-normal text-slate-600">({group.rows.length})</span>
          </h2>
          <ol className="divide-y divide-slate-100">
            {group.rows.map((iv) => (
              <li key={iv.id} className="grid gap-2 px-4 py-3 md:grid-cols-[1fr_18rem] md:items-center">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="font-semibold tabular-nums">
                      {week ? `${formatDate(iv.scheduledAt)} ` : ''}
                      {formatTime(iv.scheduledAt)}
                    </span>
                    <Link href={`/customers/${iv.customerId}/interventions/${iv.id}`} className="font-medium">
                      {iv.customer.name}
                    </Link>
                    <InterventionStatusBadge status={iv.status} />
                  </p>
                  <p className="text-sm text-slate-600">
                    {[kindLabel(iv.kind), durationText(iv.durationMinutes), iv.vehicle?.label, addressText(iv)]
                      .filter(Boolean)
                      .join(' · ')}
                  </p>
                </div>
                {(iv.status === 'planned' || iv.status === 'in_progress') && (
                  <ReassignForm
                    customerId={iv.customerId}
                    interventionId={iv.id}
                    updatedAt={iv.updatedAt.toISOString()}
                    technicianId={iv.technician?.id ?? null}
                    technicians={technicians}
                  />
                )}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
