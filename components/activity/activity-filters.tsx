import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { inputClasses } from '@/components/ui/field';
import { ACTIVITY_TYPE_LABELS } from '@/lib/activity/labels';
import type { ActivityStats, ActivityType } from '@/lib/activity/schema';

/**
 * A plain GET form (works without JavaScript): type checkboxes with their count for the chosen
 * period, and the period itself. The URL carries the filters, so they survive reloads and links.
 */
export function ActivityFilters({
  path,
  types,
  from,
  to,
  counts,
  allowedTypes,
  error,
}: {
  path: string;
  types: string[];
  from: string;
  to: string;
  counts: ActivityStats;
  /** Types this viewer may see (lib/activity/visibility.ts): Facture/Paiement need finance.read. */
  allowedTypes: readonly ActivityType[];
  error?: string | null;
}) {
  const listed = (Object.keys(ACTIVITY_TYPE_LABELS) as ActivityType[]).filter(
    (t) => allowedTypes.includes(t) && ((counts.byType[t] ?? 0) > 0 || types.includes(t)),
  );
  const active = types.length > 0 || !!from || !!to;
  return (
    <form
      method="get"
      action={path}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
      data-testid="activity-filters"
    >
      <fieldset>
        <legend className="text-sm font-semibold text-slate-800">
          Types <span className="font-normal text-slate-600">({counts.total} sur la période)</span>
        </legend>
        {listed.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">Aucune activité sur la période.</p>
        ) : (
          <div className="mt-2 flex flex-wrap gap-2">
            {listed.map((t) => (
              <label
                key={t}
                className="inline-flex min-h-11 cursor-pointer items-center gap-2 rounded-full border border-slate-300 px-3 text-sm has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50"
              >
                <input type="checkbox" name="type" value={t} defaultChecked={types.includes(t)} className="size-4" />
                {ACTIVITY_TYPE_LABELS[t]}
                <span className="rounded-full bg-slate-100 px-1.5 text-xs tabular-nums text-slate-700">
                  {counts.byType[t] ?? 0}
                </span>
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="activity-from" className="block text-sm font-medium text-slate-800">
            Du
          </label>
          <input
            id="activity-from"
            type="date"
            name="from"
            defaultValue={from}
            className={inputClasses(!!error, 'w-auto')}
          />
        </div>
        <div>
          <label htmlFor="activity-to" className="block text-sm font-medium text-slate-800">
            Au
          </label>
          <input id="activity-to" type="date" name="to" defaultValue={to} className={inputClasses(!!error, 'w-auto')} />
        </div>
        <button type="submit" className={buttonClasses('primary')}>
          Filtrer
        </button>
        {active && (
          <Link href={path} className={buttonClasses('ghost')}>
            Réinitialiser
          </Link>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
