/**
 * Base-wide RFM (issue 7: ≤ 1 s at 100k customers): lib/analytics computeRfmBase (one SQL statement
 * with three ntile windows over the active base, plus the JS distribution) timed on the seed:large
 * database, 3 cold runs in a row; and what a request pays once the in-process snapshot exists.
 */
import { openPostgres } from '@/db';
import { computeRfmBase, getRfmBase } from '@/lib/analytics/rfm';
import { fmt, info, LARGE_DB, median, record } from './common';

export async function runRfm(): Promise<void> {
  console.log('\n== RFM sur toute la base (lib/analytics computeRfmBase, 3 passes)');
  const handle = openPostgres(LARGE_DB, 4);
  try {
    const total: number[] = [];
    const sqlOnly: number[] = [];
    let customers = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const base = await computeRfmBase(handle.db);
      total.push(performance.now() - t);
      sqlOnly.push(base.durationMs);
      customers = base.total;
    }
    info(
      `${customers} clients actifs notés ; passes : ${total.map((x) => `${fmt(x, 0)} ms`).join(', ')} (dont requête SQL ${sqlOnly.map((x) => fmt(x, 0)).join(', ')} ms)`,
    );
    record('rfm', 'RFM base entière (calcul complet, médiane)', median(total), 'ms', { max: 1000 });
    await getRfmBase(handle.db);
    const t = performance.now();
    for (let i = 0; i < 100; i++) await getRfmBase(handle.db);
    record('rfm', 'RFM servi depuis l’instantané en cache (par appel)', (performance.now() - t) / 100, 'ms', {
      note: 'cache en mémoire du processus, TTL 5 min, rafraîchi en arrière-plan',
    });
  } finally {
    await handle.close();
  }
}
