import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, getDbHandle } from '@/db';
import { customers } from '@/db/schema';
import { timelineQuery } from '@/lib/activity/queries';
import { activityListQuerySchema } from '@/lib/activity/schema';
import { encodeCursor, decodeCursor, timeIdCursor } from '@/lib/pagination';

/**
 * At benchmark scale (~200k activities over 2k customers) the timeline page must walk
 * customer_activity_timeline_idx, never scan the table. Run on real PostgreSQL only: PGlite's
 * planner statistics at this size say nothing about production.
 */
const onPostgres = process.env.TEST_DRIVER === 'postgres';

type PlanNode = { 'Node Type': string; 'Index Name'?: string; 'Relation Name'?: string; Plans?: PlanNode[] };
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function explain(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<PlanNode[]> {
  const { sql: text, params } = query.toSQL();
  const client = (getDb() as unknown as { $client: { unsafe: (q: string, p: unknown[]) => Promise<any[]> } }).$client;
  const rows = await client.unsafe(`EXPLAIN (FORMAT JSON) ${text}`, params as unknown[]);
  const plan = rows[0]['QUERY PLAN'];
  return nodes((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan);
}

describe.skipIf(!onPostgres)(
  'timeline query plan at scale (PostgreSQL only; skipped on PGlite: planner stats are not representative)',
  () => {
    let target = '';
    let cursor: string;

    beforeAll(async () => {
      expect(getDbHandle().driver).toBe('postgres');
      const db = getDb();
      await db.execute(sql`
      insert into customers (kind, last_name, sort_name, search_text)
      select 'individual', 'Client ' || g, 'client ' || g, 'client ' || g from generate_series(1, 2000) g`);
      await db.execute(sql`
      insert into customer_activity (customer_id, type, title, actor_kind, actor_name, occurred_at)
      select c.id,
             (array['note','call','email','visit','invoice','payment','document','profile'])[1 + (g % 8)],
             'Activité ' || g, 'system', 'Système',
             now() - (g || ' minutes')::interval
      from (select id, row_number() over (order by id) rn from customers) c
      cross join generate_series(1, 100) g
      -- Insert in time order across customers, as production traffic arrives: a customer's rows
      -- end up scattered over the heap instead of conveniently clustered.
      order by g desc, c.rn`);
      await db.execute(sql`analyze customer_activity`);
      await db.execute(sql`analyze customers`);
      const [c] = await db.select({ id: customers.id }).from(customers).orderBy(customers.id).offset(1000).limit(1);
      target = c.id;
      cursor = encodeCursor({
        t: new Date(Date.now() - 40 * 60_000).toISOString(),
        id: '00000000-0000-4000-8000-000000000000',
      });
    }, 300_000);

    it('has ~200k rows', async () => {
      const [{ n }] = await getDb()
        .select({ n: sql<number>`count(*)::int` })
        .from(sql`customer_activity`);
      expect(n).toBe(200_000);
    });

    // The technician's plan carries the visibility rule (no invoice/payment rows, money keys removed).
    it.each([
      ['first page', {}],
      ['page after a cursor', { withCursor: true }],
      ['date range', { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' }],
      ['first page, technician', { role: 'technician' }],
      ['page after a cursor, technician', { withCursor: true, role: 'technician' }],
    ])('%s: index scan on customer_activity_timeline_idx, no Seq Scan', async (_label, opts: any) => {
      const filters = activityListQuerySchema.parse({
        limit: '20',
        ...(opts.from ? { from: opts.from, to: opts.to } : {}),
      });
      const c = opts.withCursor ? decodeCursor(cursor, timeIdCursor) : null;
      const viewer = { role: opts.role ?? 'manager' };
      const plan = await explain(timelineQuery(getDb(), viewer, target, filters, c, filters.limit));
      const seq = plan.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'customer_activity');
      expect(seq).toEqual([]);
      const used = plan.filter((n) => n['Index Name'] === 'customer_activity_timeline_idx');
      expect(used.length, JSON.stringify(plan.map((n) => [n['Node Type'], n['Index Name']]))).toBeGreaterThan(0);
      // Ordered by the index itself: no Sort node above it.
      expect(plan.some((n) => n['Node Type'] === 'Sort')).toBe(false);
    });

    it('type filter never scans the table either', async () => {
      const filters = activityListQuerySchema.parse({ type: ['call', 'visit'], limit: '20' });
      const plan = await explain(timelineQuery(getDb(), { role: 'technician' }, target, filters, null, filters.limit));
      expect(plan.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'customer_activity')).toEqual(
        [],
      );
    });
  },
);
