/**
 * Backtest of the next-visit prediction (`npm run bench:predictions`).
 *
 * On the database of DATABASE_URL (e.g. the seed:large one), or else on a fresh in-memory PGlite
 * seeded with the demo data: for every active customer, hide the last completed visit, predict it
 * from the earlier ones with `nextVisit()` and compare with the naive "same interval as last time"
 * baseline. Prints the mean (and median) absolute error in days and the number of customers.
 *
 * No leakage: the fallback interval (used by `nextVisit` when a customer has a single earlier visit)
 * is the median of the customers' mean intervals computed on the training visits only.
 */
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { type DbHandle, openPglite, openPostgres } from '@/db';
import { migrateDb } from '@/db/migrate';
import { customers, interventions } from '@/db/schema';
import { medianOf, nextVisit, visitIntervals } from '@/lib/analytics/predictions';

const DAY = 86_400_000;

async function open(): Promise<{ handle: DbHandle; source: string }> {
  const url = process.env.DATABASE_URL;
  if (url) return { handle: openPostgres(url, 2), source: `PostgreSQL (${new URL(url).pathname.slice(1)})` };
  const handle = openPglite();
  await migrateDb(handle);
  const { seedDemo } = await import('@/db/seed/demo');
  const started = performance.now();
  const seeded = await seedDemo(handle.db, { password: process.env.DEMO_PASSWORD ?? 'customer360' });
  return {
    handle,
    source: `PGlite en mémoire + seedDemo (${seeded.customers} clients, ${seeded.interventions} interventions, ${Math.round(performance.now() - started)} ms)`,
  };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

async function main() {
  const { handle, source } = await open();
  try {
    const rows = await handle.db
      .select({ customerId: interventions.customerId, at: interventions.completedAt })
      .from(interventions)
      .innerJoin(customers, eq(customers.id, interventions.customerId))
      .where(
        and(
          inArray(interventions.status, ['done', 'invoiced']),
          isNotNull(interventions.completedAt),
          eq(customers.status, 'active'),
        ),
      )
      .orderBy(asc(interventions.customerId), asc(interventions.completedAt));
    const byCustomer = new Map<string, Date[]>();
    for (const r of rows) {
      const list = byCustomer.get(r.customerId) ?? [];
      list.push(r.at as Date);
      byCustomer.set(r.customerId, list);
    }

    // Training histories: everything but the last distinct visit day.
    const cases: { training: Date[]; hidden: Date }[] = [];
    for (const visits of byCustomer.values()) {
      const days = [...new Map(visits.map((d) => [Math.floor(d.getTime() / DAY), d])).values()];
      if (days.length < 2) continue;
      cases.push({ training: days.slice(0, -1), hidden: days[days.length - 1] });
    }
    const trainingMeans = cases
      .map((c) => visitIntervals(c.training).intervals)
      .filter((iv) => iv.length)
      .map((iv) => mean(iv));
    const fallback = trainingMeans.length ? medianOf(trainingMeans) : null;

    const ours: number[] = [];
    const naive: number[] = [];
    const oursSingle: number[] = [];
    for (const c of cases) {
      const history = visitIntervals(c.training);
      const p = nextVisit(history, fallback);
      if (!p.nextVisitAt) continue;
      const err = Math.abs(p.nextVisitAt.getTime() - c.hidden.getTime()) / DAY;
      if (!history.intervals.length) {
        oursSingle.push(err);
        continue;
      }
      const last = history.intervals[history.intervals.length - 1];
      const naivePrediction = history.lastVisitAt!.getTime() + last * DAY;
      ours.push(err);
      naive.push(Math.abs(naivePrediction - c.hidden.getTime()) / DAY);
    }

    const fmt = (x: number) => x.toFixed(1);
    console.log(`Source : ${source}`);
    console.log(`Clients actifs avec au moins 2 visites terminées : ${cases.length}`);
    console.log(
      `Intervalle de repli (médiane des intervalles moyens, apprentissage) : ${fallback == null ? '—' : fmt(fallback)} j`,
    );
    if (ours.length) {
      console.log(`\nClients évalués (≥ 3 visites : au moins un intervalle connu) : ${ours.length}`);
      console.log(`  Erreur absolue moyenne — nextVisit() : ${fmt(mean(ours))} j (médiane ${fmt(medianOf(ours))} j)`);
      console.log(
        `  Erreur absolue moyenne — naïf « même intervalle que la dernière fois » : ${fmt(mean(naive))} j (médiane ${fmt(medianOf(naive))} j)`,
      );
      console.log(`  Gain : ${fmt(100 * (1 - mean(ours) / mean(naive)))} %`);
    } else console.log('Aucun client avec au moins 3 visites : rien à évaluer contre la référence naïve.');
    if (oursSingle.length)
      console.log(
        `\nClients à 2 visites (une seule visite connue, repli) : ${oursSingle.length}, erreur absolue moyenne ${fmt(mean(oursSingle))} j (pas de référence naïve possible)`,
      );
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
