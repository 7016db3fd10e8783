import { and, asc, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { type DbOrTx, getDb } from '@/db';
import { prepared } from '@/db/prepared';
import { interventions, vehicles } from '@/db/schema';
import { VISIT_STATUSES } from '@/db/schema/enums';
import { requireReadableCustomer } from '@/lib/customers/guard';
import {
  churnRisk,
  type ChurnRisk,
  medianOf,
  nextVisit,
  type NextVisitPrediction,
  revenueTrend,
  type RevenueTrend,
  visitIntervals,
} from './predictions';
import { getRfmScore, getRfmSnapshot, RFM_WINDOW_MONTHS, type RfmScore, type ScoreBucket } from './rfm';
import { SEGMENT_LABELS, SEGMENT_RULES, type Segment } from './segments-rules';
import { num, PARIS, sqlRows } from './sql';

export interface MonthlyPoint {
  month: string;
  /** Invoiced excl. VAT (HT) in the month, non-cancelled invoices, minus the credit notes issued that month. */
  revenueCents: number;
  /** Interventions done (or invoiced) in the month. */
  visits: number;
}

export interface CustomerAnalytics {
  rfm: {
    recencyDays: number | null;
    frequency: number;
    monetaryCents: number;
    r: number | null;
    f: number | null;
    m: number | null;
    segment: Segment | null;
    segmentLabel: string | null;
    /** false for an inactive customer: scores are computed over the active base only. */
    inBase: boolean;
    /** Active but not scored yet (created or reactivated since the last refresh of the base). */
    pending: boolean;
  };
  monthly: MonthlyPoint[];
  kinds: { kind: string; count: number }[];
  vehicles: { vehicleId: string; label: string; visits: number }[];
  baseDistribution: {
    total: number;
    computedAt: Date;
    r: ScoreBucket[];
    f: ScoreBucket[];
    m: ScoreBucket[];
    segments: { segment: Segment; label: string; count: number }[];
  };
  predictions: {
    nextVisitAt: Date | null;
    confidence: number;
    nextVisit: NextVisitPrediction;
    /** The expected visit date has passed without a visit. */
    nextVisitOverdue: boolean;
    revenueTrend: RevenueTrend;
    churnRisk: ChurnRisk;
  };
}

/** 24 calendar months (Paris), oldest first, empty months included thanks to generate_series. */
export async function getMonthly(db: DbOrTx, customerId: string): Promise<MonthlyPoint[]> {
  const rows = await sqlRows<{ month: string; revenue: number; visits: number }>(
    db,
    sql`with bounds as (
      select date_trunc('month', now() at time zone ${PARIS}) as last_month
    ), months as (
      select generate_series(last_month - make_interval(months => ${RFM_WINDOW_MONTHS - 1}), last_month, interval '1 month') as m
      from bounds
    ), billed as (
      select i.issued_at as at, i.total_ht_cents as ht from invoices i
      where i.customer_id = ${customerId} and i.status <> 'cancelled'
      union all
      -- A credit note takes its HT back in the month it is issued.
      select n.issued_at, -n.total_ht_cents from credit_notes n where n.customer_id = ${customerId}
    ), rev as (
      select date_trunc('month', b.at at time zone ${PARIS}) as m, sum(b.ht) as s
      from billed b, bounds
      where b.at >= (bounds.last_month - make_interval(months => ${RFM_WINDOW_MONTHS - 1})) at time zone ${PARIS}
      group by 1
    ), vis as (
      select date_trunc('month', v.completed_at at time zone ${PARIS}) as m, count(*) as c
      from interventions v, bounds
      where v.customer_id = ${customerId} and v.status in ('done', 'invoiced')
        and v.completed_at >= (bounds.last_month - make_interval(months => ${RFM_WINDOW_MONTHS - 1})) at time zone ${PARIS}
      group by 1
    )
    select to_char(months.m, 'YYYY-MM') as month, coalesce(rev.s, 0)::float8 as revenue, coalesce(vis.c, 0)::int as visits
    from months left join rev on rev.m = months.m left join vis on vis.m = months.m
    order by months.m`,
  );
  return rows.map((r) => ({ month: String(r.month), revenueCents: num(r.revenue), visits: num(r.visits) }));
}

// A visit is an intervention done through the app (or invoiced since); the RFM function counts the same.
const isVisit = inArray(interventions.status, [...VISIT_STATUSES]);

const customerIdParam = sql.placeholder('customerId');

async function getKinds(db: DbOrTx, customerId: string) {
  const rows = await prepared(db, 'analytics_kinds', (d) =>
    d
      .select({ kind: interventions.kind, count: count() })
      .from(interventions)
      .where(and(eq(interventions.customerId, customerIdParam), isVisit))
      .groupBy(interventions.kind)
      .orderBy(desc(count()), asc(interventions.kind))
      .prepare('analytics_kinds'),
  ).execute({ customerId });
  return rows.map((r) => ({ kind: r.kind, count: Number(r.count) }));
}

async function getVehicleVisits(db: DbOrTx, customerId: string) {
  const visits = sql<number>`(count(${interventions.id}) filter (where ${isVisit}))::int`;
  const rows = await prepared(db, 'analytics_vehicle_visits', (d) =>
    d
      .select({ id: vehicles.id, make: vehicles.make, model: vehicles.model, plate: vehicles.plate, visits })
      .from(vehicles)
      .leftJoin(interventions, eq(interventions.vehicleId, vehicles.id))
      .where(eq(vehicles.customerId, customerIdParam))
      .groupBy(vehicles.id)
      .orderBy(desc(visits), asc(vehicles.plate))
      .prepare('analytics_vehicle_visits'),
  ).execute({ customerId });
  return rows.map((r) => ({
    vehicleId: r.id,
    label:
      [[r.make, r.model].filter(Boolean).join(' '), r.plate ? `(${r.plate})` : ''].filter(Boolean).join(' ') ||
      'Véhicule',
    visits: Number(r.visits),
  }));
}

/** Visit dates (interventions done or invoiced), oldest first (per-customer index on interventions). */
export async function getVisitDates(db: DbOrTx, customerId: string): Promise<Date[]> {
  const rows = await prepared(db, 'analytics_visit_dates', (d) =>
    d
      .select({ at: interventions.completedAt })
      .from(interventions)
      .where(and(eq(interventions.customerId, customerIdParam), isVisit, isNotNull(interventions.completedAt)))
      .orderBy(asc(interventions.completedAt))
      .prepare('analytics_visit_dates'),
  ).execute({ customerId });
  return rows.map((r) => r.at as Date);
}

/** Recency / frequency / monetary of one customer with the same definitions as the base-wide SQL. */
async function rawRfm(db: DbOrTx, customerId: string) {
  const [row] = await sqlRows<{ recency_days: number | null; frequency: number; monetary: number }>(
    db,
    sql`select
      floor(extract(epoch from now() - greatest(
        (select max(completed_at) from interventions where customer_id = ${customerId} and status in ('done', 'invoiced')),
        (select max(issued_at) from invoices where customer_id = ${customerId} and status <> 'cancelled'))) / 86400)::int as recency_days,
      (select count(*) from interventions where customer_id = ${customerId} and status in ('done', 'invoiced')
        and completed_at >= now() - make_interval(months => ${RFM_WINDOW_MONTHS}))::int as frequency,
      greatest(0,
        (select coalesce(sum(amount_cents), 0) from payments where customer_id = ${customerId}
          and paid_at >= now() - make_interval(months => ${RFM_WINDOW_MONTHS}))
        - (select coalesce(sum(amount_cents), 0) from refunds where customer_id = ${customerId}
          and refunded_at >= now() - make_interval(months => ${RFM_WINDOW_MONTHS})))::float8 as monetary`,
  );
  return {
    recencyDays: row?.recency_days == null ? null : num(row.recency_days),
    frequency: num(row?.frequency),
    monetaryCents: num(row?.monetary),
  };
}

export async function getCustomerAnalytics(db: DbOrTx, customerId: string): Promise<CustomerAnalytics> {
  // The existence check runs alongside the reads (an unknown id yields empty figures, then a 404).
  const [customer, base, score, monthly, kinds, vehicleVisits, visitDates] = await Promise.all([
    requireReadableCustomer(db, customerId),
    getRfmSnapshot(db),
    getRfmScore(db, customerId),
    getMonthly(db, customerId),
    getKinds(db, customerId),
    getVehicleVisits(db, customerId),
    getVisitDates(db, customerId),
  ]);
  const history = visitIntervals(visitDates);
  const segmentMedian = (score && base.segmentMedianInterval[score.segment]) ?? base.overallMedianInterval;
  const next = nextVisit(history, segmentMedian);
  const daysSinceVisit = history.lastVisitAt
    ? Math.floor((Date.now() - history.lastVisitAt.getTime()) / 86_400_000)
    : null;
  const usual = history.intervals.length ? medianOf(history.intervals.slice(-6)) : segmentMedian;

  // Customers outside the scored base (inactive, or new since the last refresh): raw figures, no scores.
  const raw = score ?? (await rawRfm(db, customerId));
  return {
    rfm: {
      recencyDays: raw.recencyDays,
      frequency: raw.frequency,
      monetaryCents: raw.monetaryCents,
      r: score?.r ?? null,
      f: score?.f ?? null,
      m: score?.m ?? null,
      segment: score?.segment ?? null,
      segmentLabel: score ? SEGMENT_LABELS[score.segment] : null,
      inBase: !!score,
      pending: !score && customer.status === 'active',
    },
    monthly,
    kinds,
    vehicles: vehicleVisits,
    baseDistribution: {
      total: base.total,
      computedAt: base.computedAt,
      r: base.distribution.r,
      f: base.distribution.f,
      m: base.distribution.m,
      segments: SEGMENT_RULES.map((rule) => ({
        segment: rule.segment,
        label: rule.label,
        count: base.segmentCounts[rule.segment],
      })),
    },
    predictions: {
      nextVisitAt: next.nextVisitAt,
      confidence: next.confidence,
      nextVisit: next,
      nextVisitOverdue: next.nextVisitAt != null && next.nextVisitAt.getTime() < Date.now(),
      revenueTrend: revenueTrend(monthly),
      churnRisk: churnRisk(daysSinceVisit ?? raw.recencyDays, usual),
    },
  };
}

/** Analytics tab: scores, predictions and monthly series. Unknown customer → AppError not_found. */
export function loadCustomerAnalytics(customerId: string): Promise<CustomerAnalytics> {
  return getCustomerAnalytics(getDb(), customerId);
}

/** 360 summary: the customer's RFM segment as of the last computation (null when not scored). */
export function loadRfmScore(customerId: string): Promise<RfmScore | null> {
  return getRfmScore(getDb(), customerId);
}
