import { count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { customers } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import { medianOf } from '@/lib/analytics/predictions';
import {
  getRfmSnapshot,
  listRfmScores,
  markRfmStale,
  RFM_REFRESH_LOCK,
  RFM_TTL_MS,
  type RfmScore,
  refreshRfm,
} from '@/lib/analytics/rfm';
import { segmentCondition, SEGMENTS, segmentOf } from '@/lib/analytics/segments';
import { bearersByRole, createCustomer, createVehicle } from '@/tests/factories';
import { insertIntervention, insertInvoice, insertPayment } from '@/tests/factories/finances';
import { call } from '@/tests/factories/http';

const { GET: getAnalytics } = await import('@/app/api/customers/[id]/analytics/route');
const { GET: getSegments } = await import('@/app/api/analytics/segments/route');
const { GET: listCustomersRoute } = await import('@/app/api/customers/route');

const DAY = 86_400_000;
let auth: Record<Role, string>;

// Deterministic pseudo-random generator (mulberry32): the same base on every run and driver.
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Facts {
  id: string;
  lastAt: number | null;
  frequency: number;
  monetary: number;
}
const facts: Facts[] = [];
let inactiveId = '';
let richId = '';

/** ntile(5) over rows already sorted: the first (n mod 5) buckets get one extra row. */
function ntile5<T>(sorted: T[]): Map<T, number> {
  const n = sorted.length;
  const small = Math.floor(n / 5);
  const bigBuckets = n % 5;
  const out = new Map<T, number>();
  let i = 0;
  for (let b = 1; b <= 5; b++) {
    const size = small + (b <= bigBuckets ? 1 : 0);
    for (let k = 0; k < size; k++) out.set(sorted[i++], b);
  }
  return out;
}
const byId = (a: Facts, b: Facts) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function bruteForce() {
  const r = ntile5([...facts].sort((a, b) => (a.lastAt ?? -Infinity) - (b.lastAt ?? -Infinity) || byId(a, b)));
  const f = ntile5([...facts].sort((a, b) => a.frequency - b.frequency || byId(a, b)));
  const m = ntile5([...facts].sort((a, b) => a.monetary - b.monetary || byId(a, b)));
  return new Map(facts.map((x) => [x.id, { r: r.get(x)!, f: f.get(x)!, m: m.get(x)! }]));
}

beforeAll(async () => {
  auth = await bearersByRole();
  const rand = rng(20260401);
  const now = Date.now();
  // Dates stay clear of the 24-month boundary (≤ 22 or ≥ 26 months ago) so calendar-month
  // arithmetic in SQL and the JS check cannot disagree.
  const pickAge = () => (rand() < 0.8 ? Math.floor(rand() * 660) + 1 : 800 + Math.floor(rand() * 400));
  for (let k = 0; k < 32; k++) {
    const c = await createCustomer({ lastName: `Rfm${k}` });
    const f: Facts = { id: c.id, lastAt: null, frequency: 0, monetary: 0 };
    const visits = k % 7 === 0 ? 0 : Math.floor(rand() * 8);
    for (let v = 0; v < visits; v++) {
      const at = now - pickAge() * DAY;
      const status = rand() < 0.85 ? 'done' : 'cancelled';
      await insertIntervention(c.id, {
        status,
        completedAt: status === 'done' ? new Date(at) : null,
        scheduledAt: new Date(at),
        kind: rand() < 0.5 ? 'maintenance' : 'tyres',
      });
      if (status === 'done') {
        f.lastAt = Math.max(f.lastAt ?? -Infinity, at);
        if (at > now - 700 * DAY) f.frequency++;
      }
    }
    const invoiceCount = k % 5 === 0 ? 0 : Math.floor(rand() * 4);
    for (let n = 0; n < invoiceCount; n++) {
      const issued = now - pickAge() * DAY;
      const cancelled = rand() < 0.1;
      const ht = 1000 * (1 + Math.floor(rand() * 50));
      const inv = await insertInvoice(c.id, {
        totalHtCents: ht,
        vatCents: ht / 5,
        issuedAt: new Date(issued),
        dueAt: new Date(issued + 30 * DAY),
        status: cancelled ? 'cancelled' : 'unpaid',
      });
      if (!cancelled) f.lastAt = Math.max(f.lastAt ?? -Infinity, issued);
      if (!cancelled && rand() < 0.7) {
        const paidAt = Math.min(now - DAY, issued + 20 * DAY);
        await insertPayment(c.id, inv.id, { amountCents: ht, paidAt: new Date(paidAt) });
        if (paidAt > now - 700 * DAY) f.monetary += ht;
      }
    }
    facts.push(f);
    if (visits >= 3 && !richId) richId = c.id;
  }
  // Inactive customers are outside the base.
  const inactive = await createCustomer({ status: 'inactive', lastName: 'Inactif' });
  await insertIntervention(inactive.id, { completedAt: new Date(now - 5 * DAY) });
  inactiveId = inactive.id;
  await refreshRfm(getDb());
});

describe('RFM', () => {
  it('quintile scores equal a brute-force ntile computation over the active base', async () => {
    const scores = await listRfmScores(getDb());
    const snapshot = await getRfmSnapshot(getDb());
    expect(snapshot.total).toBe(facts.length);
    expect(scores.size).toBe(facts.length);
    expect(scores.has(inactiveId)).toBe(false);
    const expected = bruteForce();
    for (const f of facts) {
      const got = scores.get(f.id)!;
      expect({ id: f.id, frequency: got.frequency, monetary: got.monetaryCents }).toEqual({
        id: f.id,
        frequency: f.frequency,
        monetary: f.monetary,
      });
      expect(got.recencyDays).toBe(f.lastAt == null ? null : Math.floor((Date.now() - f.lastAt) / DAY));
      expect({ id: f.id, r: got.r, f: got.f, m: got.m }).toEqual({ id: f.id, ...expected.get(f.id)! });
      // The view's SQL CASE and the TS rule table agree row by row.
      expect(got.segmentInView).toBe(segmentOf(got.r, got.f, got.m));
    }
    // Bucket sizes: 32 rows → 7,7,6,6,6.
    expect(snapshot.distribution.r.map((b) => b.count)).toEqual([7, 7, 6, 6, 6]);
    const monetary = [...scores.values()].filter((s) => s.m === 5).map((s) => s.monetaryCents);
    expect(snapshot.distribution.m[4]).toMatchObject({ min: Math.min(...monetary), max: Math.max(...monetary) });
    // Median intervals (percentile_cont in SQL) per segment and overall, against the scored rows.
    const medianIn = (xs: number[]) => (xs.length ? medianOf(xs) : null);
    const intervals = (list: RfmScore[]) => list.map((s) => s.avgIntervalDays).filter((v): v is number => v != null);
    for (const segment of SEGMENTS) {
      const expected = medianIn(intervals([...scores.values()].filter((s) => s.segment === segment)));
      if (expected == null) expect(snapshot.segmentMedianInterval[segment]).toBeNull();
      else expect(snapshot.segmentMedianInterval[segment]).toBeCloseTo(expected, 6);
    }
    expect(snapshot.overallMedianInterval).toBeCloseTo(medianIn(intervals([...scores.values()]))!, 6);
  });

  it('segment counts and the list condition agree with the scored rows', async () => {
    const scores = await listRfmScores(getDb());
    const snapshot = await getRfmSnapshot(getDb());
    for (const segment of SEGMENTS) {
      const expected = [...scores.entries()]
        .filter(([, s]) => s.segment === segment)
        .map(([id]) => id)
        .sort();
      const rows = await getDb()
        .select({ id: customers.id })
        .from(customers)
        .where(await segmentCondition(getDb(), segment));
      expect(rows.map((r) => r.id).sort()).toEqual(expected);
      expect(snapshot.segmentCounts[segment]).toBe(expected.length);
    }
  });

  it('GET /api/customers?segment= lists exactly the customers of that segment', async () => {
    const scores = await listRfmScores(getDb());
    for (const segment of SEGMENTS) {
      const expected = [...scores.entries()]
        .filter(([, s]) => s.segment === segment)
        .map(([id]) => id)
        .sort();
      const res = await call(listCustomersRoute, { auth: auth.viewer, query: { segment, limit: '100' } });
      expect(res.status).toBe(200);
      expect(res.body.data.map((c: { id: string }) => c.id).sort()).toEqual(expected);
    }
  });

  it('GET /api/analytics/segments counts sum to the number of active customers', async () => {
    const res = await call(getSegments, { auth: auth.viewer });
    expect(res.status).toBe(200);
    expect(res.body.data.map((d: { segment: string }) => d.segment)).toEqual([...SEGMENTS]);
    const [active] = await getDb().select({ n: count() }).from(customers).where(eq(customers.status, 'active'));
    expect(res.body.data.reduce((s: number, d: { count: number }) => s + d.count, 0)).toBe(Number(active.n));
    expect(res.body.data[0]).toMatchObject({ segment: 'champions', label: 'Champions' });
  });
});

describe('GET /api/customers/{id}/analytics', () => {
  it('returns the RFM scores, 24 monthly points (empty months = 0), kinds, vehicles and predictions', async () => {
    const vehicle = await createVehicle(richId, { make: 'Peugeot', model: '208', plate: 'GH-456-JK' });
    const now = Date.now();
    await insertIntervention(richId, {
      vehicleId: vehicle.id,
      completedAt: new Date(now - 3 * DAY),
      kind: 'bodywork',
      status: 'invoiced',
    });
    await insertInvoice(richId, {
      totalHtCents: 12_345,
      vatCents: 0,
      issuedAt: new Date(now - 3 * DAY),
      dueAt: new Date(now + 27 * DAY),
    });
    await refreshRfm(getDb());
    const res = await call(getAnalytics, { params: { id: richId }, auth: auth.manager });
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body.rfm).toMatchObject({ inBase: true, recencyDays: 3 });
    expect(body.rfm.r).toBe(5);
    expect(body.monthly).toHaveLength(24);
    const months = body.monthly.map((m: { month: string }) => m.month);
    const current = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
    }).format(new Date());
    expect(months.at(-1)).toBe(current);
    for (let i = 1; i < months.length; i++) {
      const [y, m] = months[i - 1].split('-').map(Number);
      expect(months[i]).toBe(m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`);
    }
    expect(
      body.monthly.some((m: { visits: number; revenueCents: number }) => m.visits === 0 && m.revenueCents === 0),
    ).toBe(true);
    const totalVisits = body.monthly.reduce((s: number, m: { visits: number }) => s + m.visits, 0);
    const [{ n }] = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(sql`interventions`)
      .where(
        sql`customer_id = ${richId} and status in ('done', 'invoiced') and completed_at >= date_trunc('month', now() at time zone 'Europe/Paris') at time zone 'Europe/Paris' - interval '23 months'`,
      );
    expect(totalVisits).toBe(Number(n));
    expect(body.kinds.find((k: { kind: string }) => k.kind === 'bodywork')).toEqual({ kind: 'bodywork', count: 1 });
    expect(body.vehicles).toEqual([{ vehicleId: vehicle.id, label: 'Peugeot 208 (GH-456-JK)', visits: 1 }]);
    expect(body.predictions.nextVisit.method).toMatch(/\S/);
    expect(body.predictions.revenueTrend).toMatchObject({ direction: expect.stringMatching(/^(up|down|flat)$/) });
    expect(body.predictions.churnRisk.level).toBe('low');
    expect(body.baseDistribution.total).toBe(facts.length);
    expect(body.baseDistribution.segments.reduce((s: number, x: { count: number }) => s + x.count, 0)).toBe(
      facts.length,
    );
  });

  it('an inactive customer has figures but no scores; unknown id → 404', async () => {
    const res = await call(getAnalytics, { params: { id: inactiveId }, auth: auth.viewer });
    expect(res.status).toBe(200);
    expect(res.body.rfm).toMatchObject({ inBase: false, r: null, segment: null, frequency: 1 });
    expect(
      (await call(getAnalytics, { params: { id: '00000000-0000-4000-8000-000000000000' }, auth: auth.viewer })).status,
    ).toBe(404);
    expect((await call(getAnalytics, { params: { id: 'x' }, auth: auth.viewer })).status).toBe(404);
  });

  it('permissions: technicians 403, anonymous 401, viewer and admin 200', async () => {
    expect((await call(getAnalytics, { params: { id: richId }, auth: auth.technician })).status).toBe(403);
    expect((await call(getSegments, { auth: auth.technician })).status).toBe(403);
    expect((await call(getSegments, {})).status).toBe(401);
    expect((await call(getAnalytics, { params: { id: richId }, auth: auth.admin })).status).toBe(200);
    expect((await call(getSegments, { auth: auth.admin })).status).toBe(200);
  });
});

describe('RFM materialized view refresh', () => {
  it('a read after a write answers at once with the previous scores and refreshes the view in the background', async () => {
    const db = getDb();
    const first = await refreshRfm(db);
    expect(first).not.toBeNull();
    const fresh = await createCustomer({ lastName: 'Nouveau' });
    // Fresh snapshot: reads do not refresh; the new active customer is pending.
    expect((await getRfmSnapshot(db)).computedAt).toEqual(first!.computedAt);
    const pending = await call(getAnalytics, { params: { id: fresh.id }, auth: auth.viewer });
    expect(pending.body.rfm).toMatchObject({ inBase: false, pending: true, r: null });
    markRfmStale();
    const stale = await getRfmSnapshot(db);
    expect(stale.total).toBe(first!.total);
    await vi.waitFor(async () => expect((await getRfmSnapshot(db)).total).toBe(first!.total + 1), {
      timeout: 20_000,
      interval: 100,
    });
    const scored = await call(getAnalytics, { params: { id: fresh.id }, auth: auth.viewer });
    expect(scored.body.rfm).toMatchObject({ inBase: true, pending: false, segment: expect.any(String) });
  });

  it('each refresh fills the idle materialized view and repoints customer_rfm to it (blue/green)', async () => {
    const db = getDb();
    const current = async () => {
      const rows = await db.execute(sql`select pg_get_viewdef('customer_rfm'::regclass) as d`);
      const list = (Array.isArray(rows) ? rows : (rows as unknown as { rows: { d: string }[] }).rows) as {
        d: string;
      }[];
      return list[0].d.includes('customer_rfm_a') ? 'a' : 'b';
    };
    await refreshRfm(db);
    const first = await current();
    const before = await listRfmScores(db);
    await refreshRfm(db);
    expect(await current()).not.toBe(first);
    const after = await listRfmScores(db);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [id, score] of before) expect({ id, ...after.get(id) }).toEqual({ id, ...score });
  });

  it('a snapshot older than the TTL triggers a refresh', async () => {
    const db = getDb();
    await refreshRfm(db);
    await db.execute(
      sql`update rfm_snapshots set refreshed_at = now() - make_interval(secs => ${RFM_TTL_MS / 1000 + 60})`,
    );
    const old = await getRfmSnapshot(db);
    await vi.waitFor(
      async () => expect((await getRfmSnapshot(db)).computedAt.getTime()).toBeGreaterThan(old.computedAt.getTime()),
      { timeout: 20_000, interval: 100 },
    );
  });

  // PGlite has a single connection: a second transaction would queue behind the first, not race it.
  it.runIf(process.env.TEST_DRIVER === 'postgres')(
    'a background refresh is skipped while another instance holds the refresh lock',
    async () => {
      const db = getDb();
      await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${RFM_REFRESH_LOCK})`);
        expect(await refreshRfm(db, { wait: false })).toBeNull();
      });
      expect(await refreshRfm(db, { wait: false })).not.toBeNull();
    },
  );
});
