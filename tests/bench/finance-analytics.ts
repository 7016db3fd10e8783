/**
 * Finance and analytics timings on the database of DATABASE_URL (e.g. after `npm run seed:large`):
 *   npx tsx tests/bench/finance-analytics.ts
 * Prints the base-wide RFM refresh time (materialized view, 3 runs), the segment filter, and p50/p95
 * of the per-customer queries behind GET /finances, /invoices, /payments and /analytics.
 */
import { sql } from 'drizzle-orm';
import { openPostgres } from '@/db';
import { customers } from '@/db/schema';
import { getCustomerAnalytics } from '@/lib/analytics/queries';
import { refreshRfm } from '@/lib/analytics/rfm';
import { sqlRows } from '@/lib/analytics/sql';
import { segmentCondition } from '@/lib/analytics/segments';
import { getBalanceHistory, getFinanceOverview, listInvoices, listPayments } from '@/lib/finances/queries';
import { invoiceListQuerySchema, paymentListQuerySchema } from '@/lib/finances/schema';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL est requis (base PostgreSQL peuplée, ex. seed:large).');
  process.exit(1);
}

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function timeIt<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
}

async function main() {
  const handle = openPostgres(url!, 4);
  const db = handle.db;
  try {
    const [counts] = await sqlRows<{ c: number; i: number; p: number; v: number }>(
      db,
      sql`select (select count(*) from customers)::int c, (select count(*) from invoices)::int i, (select count(*) from payments)::int p, (select count(*) from interventions)::int v`,
    );
    console.log(`Base : ${counts.c} clients, ${counts.i} factures, ${counts.p} paiements, ${counts.v} interventions`);

    for (let run = 1; run <= 3; run++) {
      const [t, snapshot] = await timeIt(() => refreshRfm(db));
      console.log(`RFM base entière (vue matérialisée, ${snapshot?.total} clients actifs), run ${run} : ${ms(t)}`);
    }
    const [tSegment, segment] = await timeIt(async () =>
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(customers)
        .where(await segmentCondition(db, 'champions')),
    );
    console.log(`segmentCondition('champions') : ${segment[0].n} clients en ${ms(tSegment)}`);

    const sample = await sqlRows<{ id: string }>(
      db,
      sql`select customer_id::text as id from invoices tablesample system (5) group by customer_id limit 200`,
    );
    const ids = sample.map((r) => r.id);
    const invoiceQuery = invoiceListQuerySchema.parse({});
    const paymentQuery = paymentListQuerySchema.parse({});
    const series: Record<string, number[]> = { finances: [], invoices: [], payments: [], analytics: [] };
    for (const id of ids) {
      series.finances.push(
        (await timeIt(() => Promise.all([getFinanceOverview(db, id), getBalanceHistory(db, id)])))[0],
      );
      series.invoices.push((await timeIt(() => listInvoices(db, id, invoiceQuery)))[0]);
      series.payments.push((await timeIt(() => listPayments(db, id, paymentQuery)))[0]);
      series.analytics.push((await timeIt(() => getCustomerAnalytics(db, id)))[0]);
    }
    console.log(`\n${ids.length} clients avec factures (scores RFM lus dans la vue matérialisée) :`);
    for (const [name, xs] of Object.entries(series))
      console.log(`  ${name.padEnd(10)} p50 ${ms(pct(xs, 50))}  p95 ${ms(pct(xs, 95))}  max ${ms(Math.max(...xs))}`);
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
