import 'server-only';
import { and, count, eq, getTableColumns, gte, inArray, lte, type Placeholder, sql, type SQL } from 'drizzle-orm';
import { type DbOrTx, getDb } from '@/db';
import { prepared } from '@/db/prepared';
import { customerActivity } from '@/db/schema';
import { activityEditDecision } from '@/lib/auth/permissions';
import { requireReadableCustomer } from '@/lib/customers/guard';
import { isManualRow } from './corrections';
import { decodeCursor, type Page, timeIdCursor, type TimeIdCursor, toPage } from '@/lib/pagination';
import { type ActivityDto, type ActivityListFilters, type ActivityStats } from './schema';
import { serializeActivity } from './serialize';
import { activityMetadataFor, activityVisibleTo, type ActivityViewer, seesFinance } from './visibility';

export type { ActivityViewer } from './visibility';

type Filters = Pick<ActivityListFilters, 'type' | 'from' | 'to'>;

/** The customer, the filters and the viewer's visibility rule (lib/activity/visibility.ts), always together. */
function filterWhere(viewer: ActivityViewer, customerId: string | Placeholder, f: Filters): SQL | undefined {
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
  return timelineSelect(db, viewer, customerId, filters, cursor, limit + 1);
}

type Param<T> = T | Placeholder;

/** timelineQuery with values or placeholders (the prepared form below). */
function timelineSelect(
  db: DbOrTx,
  viewer: ActivityViewer,
  customerId: Param<string>,
  filters: Filters,
  cursor: { t: Param<string>; id: Param<string> } | null,
  rows: Param<number>,
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
      .limit(rows)
  );
}

const unfiltered = (f: Filters) => !f.type?.length && !f.from && !f.to;
const p = sql.placeholder;

/** The timeline page: prepared (per visibility rule, first or next page) when no filter is set. */
function timelinePage(
  db: DbOrTx,
  viewer: ActivityViewer,
  customerId: string,
  filters: Filters,
  cursor: TimeIdCursor | null,
  limit: number,
) {
  if (!unfiltered(filters)) return timelineQuery(db, viewer, customerId, filters, cursor, limit);
  const name = `activity_timeline:${seesFinance(viewer) ? 'finance' : 'plain'}:${cursor ? 'next' : 'first'}`;
  return prepared(db, name, (d) =>
    timelineSelect(d, viewer, p('customerId'), {}, cursor ? { t: p('t'), id: p('id') } : null, p('rows')).prepare(name),
  ).execute({ customerId, rows: limit + 1, ...cursor });
}

/** Counts for the filtered set (types, from, to), over what the viewer may see. */
export async function activityStats(
  db: DbOrTx,
  viewer: ActivityViewer,
  customerId: string,
  filters: Filters,
): Promise<ActivityStats> {
  const select = (d: DbOrTx, id: Param<string>, f: Filters) =>
    d
      .select({ type: customerActivity.type, n: count() })
      .from(customerActivity)
      .where(filterWhere(viewer, id, f))
      .groupBy(customerActivity.type);
  const name = `activity_stats:${seesFinance(viewer) ? 'finance' : 'plain'}`;
  const rows = unfiltered(filters)
    ? await prepared(db, name, (d) => select(d, p('customerId'), {}).prepare(name)).execute({ customerId })
    : await select(db, customerId, filters);
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
  const limit = query.limit ?? 20;
  // The existence check runs alongside the reads (an unknown id finds no rows, then answers 404).
  const [customer, rows, stats] = await Promise.all([
    requireReadableCustomer(db, customerId),
    timelinePage(db, viewer, customerId, query, cursor, limit),
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
