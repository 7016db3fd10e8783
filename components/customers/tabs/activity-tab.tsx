import { ActivityFilters } from '@/components/activity/activity-filters';
import { TimelineList } from '@/components/activity/timeline-list';
import { TaskAddPanel } from '@/components/tasks/task-add-panel';
import { Card } from '@/components/ui/card';
import { loadActivityTab } from '@/lib/activity/queries';
import type { Actor } from '@/lib/auth/actor';
import type { CustomerAbilities } from '@/lib/auth/permissions';
import { visibleActivityTypes } from '@/lib/activity/visibility';
import { activityListQuerySchema } from '@/lib/activity/schema';
import { orNotFound } from '@/lib/http/page-params';

export type ActivitySearchParams = { type?: string | string[]; from?: string; to?: string };

/**
 * Activity tab: filters (type with counts for the chosen period, date range) and the first
 * keyset page; the client list loads the next pages. Bad filters in the URL show a message and
 * the unfiltered timeline instead of an error page.
 */
export async function ActivityTab({
  customerId,
  searchParams,
  abilities,
  viewer,
}: {
  customerId: string;
  /** The timeline, its counts and the type chips follow lib/activity/visibility.ts; `canEdit` per entry follows lib/auth/permissions.ts. */
  /** The signed-in user or token: the task quick add assigns to the user by default. */
  viewer: Pick<Actor, 'role' | 'kind' | 'id'>;
  searchParams: ActivitySearchParams;
  abilities: Pick<CustomerAbilities, 'activityCreate' | 'taskWrite'>;
}) {
  const raw = {
    type: searchParams.type,
    from: searchParams.from || undefined,
    to: searchParams.to || undefined,
  };
  const parsed = activityListQuerySchema.safeParse({ ...raw, limit: '20' });
  const filters = parsed.success ? parsed.data : activityListQuerySchema.parse({ limit: '20' });
  const error = parsed.success ? null : 'Filtres invalides (types ou dates) : affichage de toutes les activités.';
  const { page, periodCounts } = await orNotFound(loadActivityTab(viewer, customerId, filters));
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
        allowedTypes={visibleActivityTypes(viewer)}
        error={error}
      />
      {abilities.taskWrite && (
        <TaskAddPanel customerId={customerId} viewerId={viewer.kind === 'user' ? viewer.id : null} />
      )}
      <Card title="Historique" description={`${page.stats.total} activité${page.stats.total > 1 ? 's' : ''}`}>
        <TimelineList
          key={query.toString()}
          customerId={customerId}
          initial={page.data}
          initialCursor={page.nextCursor}
          query={query.toString()}
          filters={{ types, fromMs: filters.from?.getTime() ?? null, toMs: filters.to?.getTime() ?? null }}
          canCreate={abilities.activityCreate}
          filtered={types.length > 0 || !!filters.from || !!filters.to}
        />
      </Card>
    </div>
  );
}
