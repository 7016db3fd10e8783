import 'server-only';
import { and, count, eq, getTableColumns, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { type DbOrTx, getDb } from '@/db';
import { customerActivity } from '@/db/schema';
import { activityEditDecision } from '@/lib/auth/permissions';
import { requireCustomer } from '@/lib/customers/guard';
import { isManualRow } from './corrections';
import { decodeCursor, type Page, timeIdCursor, type TimeIdCursor, toPage } from '@/lib/pagination';
import { type ActivityDto, type ActivityListFilters, type ActivityStats } from './schema';
import { serializeActivity } from './serialize';
import { activityMetadataFor, activityVisibleTo, type ActivityViewer } from './visibility';

export type { ActivityViewer } from './visibility';

type Filters = Pick<ActivityListFilters, 'type' | 'from' | 'to'>;

/** The customer, the filters and the viewer's visibility rule (lib/activity/visibility.ts), always together. */
function filterWhere(viewer: ActivityViewer, customerId: string, f: Filters): SQL | undefined {
  const a = customerActivity;
  return and(
    eq(a.customerId, customerId),
    activityVisibleTo(viewer),
    f.type?.length ? inArray(a.type, f.type) : undefined,
    f.from ? gte(a.occurredAt, f.from) : undefined,
    f.to ? lte(a.occurredAt, f.to) : undefined,
  );
}

/**
 * The timeline page query, exported so the EXPLAIN test runs exactly this SQL. Keyset on
 * (occurred_at desc, id desc) with a row comparison, which walks customer_activity_timeline_idx.
 * The cursor time is the database's own text (microseconds): a JS Date would round to
 * milliseconds and skip rows that share the millisecond.
 */
export function timelineQuery(
  db: DbOrTx,
  viewer: ActivityViewer,
  customerId: string,
  filters: Filters,
  cursor: TimeIdCursor | null,
  limit: number,
) {
  const a = customerActivity;
  return (
    db
      .select({
        ...getTableColumns(a),
        metadata: activityMetadataFor(viewer),
        cursorT: sql<string>`to_char(${a.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      })
      .from(a)
      .where(
        and(
          filterWhere(viewer, customerId, filters),
          cursor ? sql`(${a.occurredAt}, ${a.id}) < (${cursor.t}::timestamptz, ${cursor.id}::uuid)` : undefined,
        ),
      )
      // NULLS LAST matches the index as drizzle-kit created it (`DESC NULLS LAST`); a plain DESC
      // (= NULLS FIRST) cannot use it for ordering and the planner falls back to a sort.
      .orderBy(sql`${a.occurredAt} desc nulls last`, sql`${a.id} desc nulls last`)
      .limit(limit + 1)
  );
}

/** Counts for the filtered set (types, from, to), over what the viewer may see. */
export async function activityStats(
  db: DbOrTx,
  viewer: ActivityViewer,
  customerId: string,
  filters: Filters,
): Promise<ActivityStats> {
  const rows = await db
    .select({ type: customerActivity.type, n: count() })
    .from(customerActivity)
    .where(filterWhere(viewer, customerId, filters))
    .groupBy(customerActivity.type);
  const stats: ActivityStats = { total: 0, byType: {} };
  for (const r of rows) {
    stats.total += r.n;
    stats.byType[r.type] = r.n;
  }
  return stats;
}

export async function listActivities(
  db: DbOrTx,
  viewer: ActivityViewer,
  customerId: string,
  query: Pick<ActivityListFilters, 'type' | 'from' | 'to' | 'limit' | 'cursor'>,
): Promise<Page<ActivityDto> & { stats: ActivityStats }> {
  const cursor = decodeCursor(query.cursor, timeIdCursor);
  const customer = await requireCustomer(db, customerId, { allowErased: true });
  const limit = query.limit ?? 20;
  const [rows, stats] = await Promise.all([
    timelineQuery(db, viewer, customerId, query, cursor, limit),
    activityStats(db, viewer, customerId, query),
  ]);
  const page = toPage(
    rows,
    limit,
    ({ cursorT: _t, ...row }) => ({
      ...serializeActivity(row),
      // Asked once here (lib/auth/permissions.ts) so the timeline's menu and the mutation agree.
      ...('kind' in viewer
        ? { canEdit: activityEditDecision(viewer, { ...row, manual: isManualRow(row) }, !customer.erasedAt).allowed }
        : {}),
    }),
    (row) => ({ t: row.cursorT, id: row.id }),
  );
  return { ...page, stats };
}

/**
 * Activity tab: the first page for the filters, and the per-type counts of the chosen period (all
 * types, so the type chips keep their counts while filtering). Unknown customer → AppError not_found.
 */
export async function loadActivityTab(viewer: ActivityViewer, customerId: string, filters: ActivityListFilters) {
  const db = getDb();
  const [page, periodCounts] = await Promise.all([
    listActivities(db, viewer, customerId, filters),
    activityStats(db, viewer, customerId, { from: filters.from, to: filters.to }),
  ]);
  return { page, periodCounts };
}

/** 360 summary: the latest activities the viewer may see. */
export async function loadRecentActivities(
  viewer: ActivityViewer,
  customerId: string,
  limit = 5,
): Promise<ActivityDto[]> {
  return (await listActivities(getDb(), viewer, customerId, { limit })).data;
}
