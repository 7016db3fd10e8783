import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { prepared } from '@/db/prepared';
import { customerRfm, rfmSnapshots } from '@/db/schema';
import { num, numOrNull, sqlRows } from './sql';
import { SEGMENTS, type Segment, segmentOf } from './segments-rules';

/**
 * RFM over the whole ACTIVE customer base (function `customer_rfm_compute`, migration 0004, visits
 * redefined in 0005, refunds subtracted in 0016; read through the view `customer_rfm`):
 *   recency   = days since the latest visit (intervention done or invoiced) or (non-cancelled) invoice; null if none.
 *   frequency = visits (interventions done or invoiced) over the last 24 months.
 *   monetary  = payments received minus refunds paid back over the last 24 months (cents, at least 0).
 * Scores are quintiles over the active base with `ntile(5)`: 5 = best. Ties are broken by customer
 * id so the scoring is deterministic. Customers without any activity sort as the oldest (r = 1).
 *
 * Materialised in PostgreSQL (so every app instance reads the same scores): computing them scans
 * 300k interventions, 300k invoices and 250k payments and sorts the base three times (~0.6–0.7 s
 * at 100k customers on a quiet 2-core box), far too slow per request. A request reads one indexed
 * row plus the one-row snapshot of base aggregates (< 1 ms each).
 * Blue/green (migration 0004): two materialized views, customer_rfm_a and customer_rfm_b, and the
 * view customer_rfm pointing at the current one. A refresh fills the other one with a plain REFRESH
 * (no reader uses it, so no lock on readers and none of the row diff of REFRESH CONCURRENTLY), then
 * repoints customer_rfm and saves the aggregates, in one transaction: readers switch at commit.
 * When it is refreshed:
 *   - on a schedule: a read that finds the snapshot older than RFM_TTL_MS (5 min) starts a
 *     background refresh and answers with the current rows (stale-while-revalidate);
 *   - after writes: invoice, payment, cancellation, refund and intervention completion/invoicing mark this process's snapshot stale, so the next
 *     read starts the refresh at once instead of waiting for the 5 minutes;
 *   - at start-up (the first health check) and after seeding.
 * Instances coordinate through an advisory lock: one refresh at a time across the cluster.
 */
export const RFM_WINDOW_MONTHS = 24;
export const RFM_TTL_MS = 5 * 60 * 1000;
/** Advisory lock key of the refresh (one at a time across instances); the scale-out bench watches it in pg_locks. */
export const RFM_REFRESH_LOCK = 360_017;

export interface RfmScore {
  recencyDays: number | null;
  frequency: number;
  monetaryCents: number;
  /** Mean days between completed visits (null with fewer than 2 visits). */
  avgIntervalDays: number | null;
  r: number;
  f: number;
  m: number;
  segment: Segment;
}

export interface ScoreBucket {
  score: number;
  count: number;
  /** Range of the underlying metric inside the bucket (recency: days; frequency: visits; monetary: cents). */
  min: number | null;
  max: number | null;
}

export interface RfmStats {
  distribution: { r: ScoreBucket[]; f: ScoreBucket[]; m: ScoreBucket[] };
  segmentCounts: Record<Segment, number>;
  /** Median of customers' mean inter-visit interval, per segment (null when no one has 2 visits). */
  segmentMedianInterval: Record<Segment, number | null>;
  overallMedianInterval: number | null;
}

export interface RfmSnapshot extends RfmStats {
  computedAt: Date;
  durationMs: number;
  total: number;
}

const recencyDays = sql<number | null>`floor(extract(epoch from now() - ${customerRfm.lastAt}) / 86400)::int`;

function toScore(row: {
  recencyDays: unknown;
  frequency: unknown;
  monetaryCents: unknown;
  avgIntervalDays: unknown;
  r: unknown;
  f: unknown;
  m: unknown;
}): RfmScore {
  const [r, f, m] = [num(row.r), num(row.f), num(row.m)];
  return {
    recencyDays: numOrNull(row.recencyDays),
    frequency: num(row.frequency),
    monetaryCents: num(row.monetaryCents),
    avgIntervalDays: numOrNull(row.avgIntervalDays),
    r,
    f,
    m,
    segment: segmentOf(r, f, m),
  };
}

const scoreColumns = {
  recencyDays,
  frequency: customerRfm.frequency,
  monetaryCents: customerRfm.monetaryCents,
  avgIntervalDays: customerRfm.avgIntervalDays,
  r: customerRfm.r,
  f: customerRfm.f,
  m: customerRfm.m,
};

/** One customer's scores as of the last refresh; null when not in the scored base (inactive, or created since). */
export async function getRfmScore(db: DbOrTx, customerId: string): Promise<RfmScore | null> {
  const [row] = await prepared(db, 'rfm_score', (d) =>
    d
      .select(scoreColumns)
      .from(customerRfm)
      .where(eq(customerRfm.customerId, sql.placeholder('customerId')))
      .limit(1)
      .prepare('rfm_score'),
  ).execute({ customerId });
  return row ? toScore(row) : null;
}

/** Every scored customer (tests, benchmarks and exports of the base; not for request paths). */
export async function listRfmScores(db: DbOrTx): Promise<Map<string, RfmScore & { segmentInView: string }>> {
  const rows = await db
    .select({ ...scoreColumns, customerId: customerRfm.customerId, segment: customerRfm.segment })
    .from(customerRfm);
  return new Map(rows.map((row) => [row.customerId, { ...toScore(row), segmentInView: row.segment }]));
}

/** Aggregates over the view's rows: bucket sizes and ranges, segment counts, median intervals. */
async function computeStats(
  db: DbOrTx,
  relation: 'customer_rfm_a' | 'customer_rfm_b',
): Promise<{ total: number; stats: RfmStats }> {
  const rows = await sqlRows<{
    dim: string;
    key: string;
    n: number;
    lo: number | null;
    hi: number | null;
    med: number | null;
  }>(
    db,
    sql`with base as (
        select r, f, m, segment, frequency, monetary, avg_interval,
          floor(extract(epoch from now() - last_at) / 86400)::int as recency_days
        from ${sql.raw(relation)})
      select 'r' as dim, r::text as key, count(*)::int as n, min(recency_days)::float8 as lo, max(recency_days)::float8 as hi, null::float8 as med from base group by r
      union all select 'f', f::text, count(*)::int, min(frequency)::float8, max(frequency)::float8, null from base group by f
      union all select 'm', m::text, count(*)::int, min(monetary)::float8, max(monetary)::float8, null from base group by m
      union all select 'segment', segment, count(*)::int, null, null, (percentile_cont(0.5) within group (order by avg_interval))::float8 from base group by segment
      union all select 'all', 'all', count(*)::int, null, null, (percentile_cont(0.5) within group (order by avg_interval))::float8 from base`,
  );
  const bucketsOf = (dim: string): ScoreBucket[] =>
    [1, 2, 3, 4, 5].map((score) => {
      const row = rows.find((x) => x.dim === dim && x.key === String(score));
      return { score, count: num(row?.n), min: numOrNull(row?.lo), max: numOrNull(row?.hi) };
    });
  const segmentRow = (s: Segment) => rows.find((x) => x.dim === 'segment' && x.key === s);
  const all = rows.find((x) => x.dim === 'all');
  return {
    total: num(all?.n),
    stats: {
      distribution: { r: bucketsOf('r'), f: bucketsOf('f'), m: bucketsOf('m') },
      segmentCounts: Object.fromEntries(SEGMENTS.map((s) => [s, num(segmentRow(s)?.n)])) as Record<Segment, number>,
      segmentMedianInterval: Object.fromEntries(SEGMENTS.map((s) => [s, numOrNull(segmentRow(s)?.med)])) as Record<
        Segment,
        number | null
      >,
      overallMedianInterval: numOrNull(all?.med),
    },
  };
}

/**
 * Recomputes the view and its aggregates in one transaction. `wait: false` (background refreshes)
 * returns null at once when another instance/process holds the refresh lock; `wait: true` queues
 * behind it (first read of an empty snapshot, CLIs, tests).
 */
export async function refreshRfm(db: DbOrTx, { wait = true } = {}): Promise<RfmSnapshot | null> {
  return db.transaction(async (tx) => {
    if (wait) await tx.execute(sql`select pg_advisory_xact_lock(${RFM_REFRESH_LOCK})`);
    else {
      const [row] = await sqlRows<{ locked: boolean }>(
        tx,
        sql`select pg_try_advisory_xact_lock(${RFM_REFRESH_LOCK}) as locked`,
      );
      if (!row?.locked) return null;
    }
    const started = performance.now();
    // Three hash aggregates and three sorts over the base: 4 MB spills to disk at 100k customers;
    // JIT compilation costs more than it saves on a statement run every few minutes.
    await tx.execute(sql`set local work_mem = '64MB'`);
    await tx.execute(sql`set local jit = off`);
    const [view] = await sqlRows<{ definition: string }>(
      tx,
      sql`select pg_get_viewdef('customer_rfm'::regclass) as definition`,
    );
    // Constants only (never user input) go into these identifiers.
    const target = view?.definition.includes('customer_rfm_a') ? 'customer_rfm_b' : 'customer_rfm_a';
    await tx.execute(sql.raw(`refresh materialized view ${target}`));
    const { total, stats } = await computeStats(tx, target);
    // Repointing takes a short exclusive lock on the view: never queue readers behind a long one
    // (e.g. a streamed export filtered by segment); the refresh is retried on a later read.
    await tx.execute(sql`set local lock_timeout = '2s'`);
    await tx.execute(sql.raw(`create or replace view customer_rfm as select * from ${target}`));
    const durationMs = Math.round(performance.now() - started);
    const values = { refreshedAt: sql`now()`, durationMs, total, stats: stats as unknown as Record<string, unknown> };
    const [saved] = await tx
      .insert(rfmSnapshots)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({ target: rfmSnapshots.id, set: values })
      .returning({ refreshedAt: rfmSnapshots.refreshedAt });
    return { computedAt: saved.refreshedAt, durationMs, total, ...stats };
  });
}

// Per database handle (tests open several); survives hot reloads via globalThis.
const store = globalThis as unknown as {
  __c360RfmRefreshing?: WeakMap<object, Promise<unknown>>;
  __c360RfmStaleBefore?: number;
};
const refreshing = () => (store.__c360RfmRefreshing ??= new WeakMap());

/** Starts one background refresh per process and handle (no-op while one runs). */
export function refreshRfmInBackground(db: DbOrTx): Promise<unknown> {
  const running = refreshing().get(db);
  if (running) return running;
  const run = refreshRfm(db, { wait: false })
    .catch((error: unknown) => console.error('[rfm] refresh failed', error instanceof Error ? error.message : error))
    .finally(() => refreshing().delete(db));
  refreshing().set(db, run);
  return run;
}

/**
 * The base-wide aggregates of the last refresh. Starts a background refresh when they are older
 * than RFM_TTL_MS or older than a write of this process; waits only when none exists yet.
 */
export async function getRfmSnapshot(db: DbOrTx): Promise<RfmSnapshot> {
  const [row] = await prepared(db, 'rfm_snapshot', (d) =>
    d.select().from(rfmSnapshots).where(eq(rfmSnapshots.id, 1)).limit(1).prepare('rfm_snapshot'),
  ).execute();
  if (!row) return (await refreshRfm(db, { wait: true }))!;
  const at = row.refreshedAt.getTime();
  if (Date.now() - at > RFM_TTL_MS || at < (store.__c360RfmStaleBefore ?? 0)) void refreshRfmInBackground(db);
  return {
    computedAt: row.refreshedAt,
    durationMs: row.durationMs,
    total: row.total,
    ...(row.stats as unknown as RfmStats),
  };
}

/** After writes that change RFM inputs (invoices, payments): the next read starts a refresh. */
export function markRfmStale(): void {
  store.__c360RfmStaleBefore = Date.now() + 1;
}
