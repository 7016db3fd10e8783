import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { num, numOrNull, sqlRows } from './sql';
import { SEGMENT_RULES, SEGMENTS, type Segment, segmentOf } from './segments-rules';

/**
 * RFM over the whole ACTIVE customer base, in one SQL statement:
 *   recency   = days since the latest completed intervention or (non-cancelled) invoice; null if none.
 *   frequency = completed interventions (visits) over the last 24 months.
 *   monetary  = payments received over the last 24 months (cents).
 * Scores are quintiles over the active base with `ntile(5)`: 5 = best (most recent, most frequent,
 * highest spend). Ties are broken by customer id so the scoring is deterministic (ntile splits
 * equal values across buckets; a customer never changes score between two identical runs).
 * Customers without any activity sort as the oldest recency (r = 1).
 *
 * Cost: one pass over interventions, invoices and payments (hash aggregates) plus three window
 * sorts over the active customers. Measured by tests/bench/finance-analytics.ts it is too slow to run
 * per request at 100k customers (several seconds on a loaded 2-core box), so it is materialised in
 * an in-process cache (see getRfmBase: 5-minute TTL, stale-while-revalidate, dropped by invoice and
 * payment writes in this process); the customer page and segment counts read that snapshot.
 */
export const RFM_WINDOW_MONTHS = 24;
export const RFM_CACHE_TTL_MS = 5 * 60 * 1000;

const range = (col: string, [lo, hi]: readonly [number, number]) =>
  lo === 1 && hi === 5 ? 'true' : lo === hi ? `${col} = ${lo}` : `${col} between ${lo} and ${hi}`;

/** The segment rule table as a SQL CASE over columns r, f, m (constants only: no user input). */
export const SEGMENT_CASE_SQL = sql.raw(
  `case ${SEGMENT_RULES.map((rule) => `when ${range('r', rule.r)} and ${range('f', rule.f)} and ${range('m', rule.m)} then '${rule.segment}'`).join(' ')} else 'lost' end`,
);

/** customer_id, last_at, recency_days, frequency, monetary, avg_interval, r, f, m, segment. */
export function rfmBaseQuery(): SQL {
  return sql`with visits as (
      select customer_id,
        max(completed_at) as last_visit,
        min(completed_at) as first_visit,
        count(*) as visits_all,
        count(*) filter (where completed_at >= now() - make_interval(months => ${RFM_WINDOW_MONTHS})) as visits_window
      from interventions
      where status = 'completed' and completed_at is not null
      group by customer_id
    ), billed as (
      select customer_id, max(issued_at) as last_invoice
      from invoices where status <> 'cancelled'
      group by customer_id
    ), paid as (
      select customer_id, sum(amount_cents) as paid
      from payments where paid_at >= now() - make_interval(months => ${RFM_WINDOW_MONTHS})
      group by customer_id
    ), facts as (
      select c.id as customer_id,
        greatest(v.last_visit, b.last_invoice) as last_at,
        coalesce(v.visits_window, 0) as frequency,
        coalesce(p.paid, 0) as monetary,
        case when v.visits_all >= 2
          then extract(epoch from v.last_visit - v.first_visit) / 86400.0 / (v.visits_all - 1) end as avg_interval
      from customers c
      left join visits v on v.customer_id = c.id
      left join billed b on b.customer_id = c.id
      left join paid p on p.customer_id = c.id
      where c.status = 'active'
    ), scored as (
      select customer_id, last_at, frequency, monetary, avg_interval,
        ntile(5) over (order by last_at asc nulls first, customer_id) as r,
        ntile(5) over (order by frequency, customer_id) as f,
        ntile(5) over (order by monetary, customer_id) as m
      from facts
    )
    select customer_id::text as customer_id,
      floor(extract(epoch from now() - last_at) / 86400)::int as recency_days,
      frequency::int as frequency,
      monetary::float8 as monetary,
      avg_interval::float8 as avg_interval,
      r::int as r, f::int as f, m::int as m,
      ${SEGMENT_CASE_SQL} as segment
    from scored`;
}

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

export interface RfmBase {
  computedAt: Date;
  durationMs: number;
  total: number;
  scores: Map<string, RfmScore>;
  distribution: { r: ScoreBucket[]; f: ScoreBucket[]; m: ScoreBucket[] };
  segmentCounts: Record<Segment, number>;
  /** Median of customers' mean inter-visit interval, per segment (null when no one has 2 visits). */
  segmentMedianInterval: Record<Segment, number | null>;
  overallMedianInterval: number | null;
}

interface RfmRow {
  customer_id: string;
  recency_days: number | null;
  frequency: number;
  monetary: number;
  avg_interval: number | null;
  r: number;
  f: number;
  m: number;
  segment: string;
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function buckets(scores: RfmScore[], score: (s: RfmScore) => number, value: (s: RfmScore) => number | null): ScoreBucket[] {
  return [1, 2, 3, 4, 5].map((n) => {
    const inBucket = scores.filter((s) => score(s) === n);
    const values = inBucket.map(value).filter((v): v is number => v != null);
    return {
      score: n,
      count: inBucket.length,
      min: values.length ? Math.min(...values) : null,
      max: values.length ? Math.max(...values) : null,
    };
  });
}

/** Runs the base-wide statement (no cache). */
export async function computeRfmBase(db: DbOrTx): Promise<RfmBase> {
  const started = performance.now();
  const rows = await sqlRows<RfmRow>(db, rfmBaseQuery());
  const scores = new Map<string, RfmScore>();
  for (const row of rows) {
    const r = num(row.r);
    const f = num(row.f);
    const m = num(row.m);
    scores.set(row.customer_id, {
      recencyDays: numOrNull(row.recency_days),
      frequency: num(row.frequency),
      monetaryCents: num(row.monetary),
      avgIntervalDays: numOrNull(row.avg_interval),
      r,
      f,
      m,
      // Same rule table as the SQL CASE; recomputed in TS so a drift between the two would show in tests.
      segment: segmentOf(r, f, m),
    });
  }
  const all = [...scores.values()];
  const segmentCounts = Object.fromEntries(SEGMENTS.map((s) => [s, 0])) as Record<Segment, number>;
  const intervals = Object.fromEntries(SEGMENTS.map((s) => [s, [] as number[]])) as Record<Segment, number[]>;
  for (const s of all) {
    segmentCounts[s.segment]++;
    if (s.avgIntervalDays != null) intervals[s.segment].push(s.avgIntervalDays);
  }
  return {
    computedAt: new Date(),
    durationMs: performance.now() - started,
    total: all.length,
    scores,
    distribution: {
      r: buckets(all, (s) => s.r, (s) => s.recencyDays),
      f: buckets(all, (s) => s.f, (s) => s.frequency),
      m: buckets(all, (s) => s.m, (s) => s.monetaryCents),
    },
    segmentCounts,
    segmentMedianInterval: Object.fromEntries(SEGMENTS.map((s) => [s, median(intervals[s])])) as Record<Segment, number | null>,
    overallMedianInterval: median(all.map((s) => s.avgIntervalDays).filter((v): v is number => v != null)),
  };
}

interface CacheEntry {
  at: number;
  value: Promise<RfmBase>;
  refreshing?: Promise<RfmBase>;
}
// One snapshot per database handle (tests open several); survives hot reloads via globalThis.
const store = globalThis as unknown as { __c360Rfm?: WeakMap<object, CacheEntry>; __c360RfmStaleBefore?: number };
const cache = () => (store.__c360Rfm ??= new WeakMap());

/** Beyond this age a stale snapshot is not served any more: the caller waits for a fresh one. */
export const RFM_CACHE_MAX_STALE_MS = 60 * 60 * 1000;

function refresh(db: DbOrTx): Promise<RfmBase> {
  const value = computeRfmBase(db);
  value.then(
    () => cache().set(db, { at: Date.now(), value }),
    () => {
      const entry = cache().get(db);
      if (entry?.refreshing === value) entry.refreshing = undefined;
    },
  );
  return value;
}

/**
 * The cached base-wide RFM snapshot. Fresh (< TTL): served as is. Stale (< 1 h): served at once
 * while one background refresh runs (stale-while-revalidate), so only the very first request of a
 * process waits for the base-wide computation. Concurrent callers share one run.
 */
export async function getRfmBase(db: DbOrTx, { maxAgeMs = RFM_CACHE_TTL_MS } = {}): Promise<RfmBase> {
  const entry = cache().get(db);
  // A soft invalidation makes older snapshots stale (served while a refresh runs), not absent.
  const age = !entry ? Infinity : entry.at < (store.__c360RfmStaleBefore ?? 0) ? Math.max(maxAgeMs, Date.now() - entry.at) : Date.now() - entry.at;
  if (entry && age < maxAgeMs) return entry.value;
  if (entry && age < RFM_CACHE_MAX_STALE_MS && maxAgeMs >= RFM_CACHE_TTL_MS) {
    entry.refreshing ??= refresh(db);
    return entry.value;
  }
  if (entry?.refreshing) return entry.refreshing;
  const value = computeRfmBase(db);
  const fresh: CacheEntry = { at: Date.now(), value };
  cache().set(db, fresh);
  value.catch(() => {
    if (cache().get(db) === fresh) cache().delete(db);
  });
  return value;
}

/**
 * After writes that change RFM inputs (invoices, payments). Soft (default): snapshots become stale,
 * the next read still answers at once and triggers a background refresh — a payment never makes
 * a page wait for the base-wide computation. Hard: snapshots are dropped (tests, CLIs).
 */
export function invalidateRfmCache({ hard = false } = {}): void {
  if (hard) store.__c360Rfm = new WeakMap();
  else store.__c360RfmStaleBefore = Date.now() + 1;
}
