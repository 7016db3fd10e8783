import { ActivityFilters } from '@/components/activity/activity-filters';
import { TimelineList } from '@/components/activity/timeline-list';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db';
import { activityStats, listActivities } from '@/lib/activity/queries';
import { activityListQuerySchema } from '@/lib/activity/schema';
import { AppError } from '@/lib/errors';
import { notFound } from 'next/navigation';

export type ActivitySearchParams = { type?: string | string[]; from?: string; to?: string };

/**
 * Activity tab: filters (type with counts for the chosen period, date range) and the first
 * keyset page; the client list loads the next pages. Bad filters in the URL show a message and
 * the unfiltered timeline instead of an error page.
 */
export async function ActivityTab({
  customerId,
  searchParams,
  canCreate,
}: {
  customerId: string;
  searchParams: ActivitySearchParams;
  canCreate: boolean;
}) {
  const raw = {
    type: searchParams.type,
    from: searchParams.from || undefined,
    to: searchParams.to || undefined,
  };
  const parsed = activityListQuerySchema.safeParse({ ...raw, limit: '20' });
  const filters = parsed.success ? parsed.data : activityListQuerySchema.parse({ limit: '20' });
  const error = parsed.success ? null : 'Filtres invalides (types ou dates) : affichage de toutes les activités.';
  const db = getDb();
  let page, periodCounts;
  try {
    [page, periodCounts] = await Promise.all([
      listActivities(db, customerId, filters),
      activityStats(db, customerId, { from: filters.from, to: filters.to }),
    ]);
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') notFound();
    throw e;
  }
  const types = filters.type ?? [];
  const query = new URLSearchParams();
  for (const t of types) query.append('type', t);
  if (parsed.success && raw.from) query.set('from', raw.from);
  if (parsed.success && raw.to) query.set('to', raw.to);
  const path = `/customers/${customerId}/activity`;

  return (
    <div className="space-y-4">
      <ActivityFilters
        path={path}
        types={types}
        from={parsed.success ? (raw.from ?? '') : ''}
        to={parsed.success ? (raw.to ?? '') : ''}
        counts={periodCounts}
        error={error}
      />
      <Card title="Historique" description={`${page.stats.total} activité${page.stats.total > 1 ? 's' : ''}`}>
        <TimelineList
          key={query.toString()}
          customerId={customerId}
          initial={page.data}
          initialCursor={page.nextCursor}
          query={query.toString()}
          filters={{ types, fromMs: filters.from?.getTime() ?? null, toMs: filters.to?.getTime() ?? null }}
          canCreate={canCreate}
          filtered={types.length > 0 || !!filters.from || !!filters.to}
        />
      </Card>
    </div>
  );
}
