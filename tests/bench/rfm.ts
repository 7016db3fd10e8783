/**
 * Base-wide RFM (issue 7: ≤ 1 s at 100k customers). The scores live in the materialized view
 * `customer_rfm` (lib/analytics/rfm.ts): this times (1) the full recomputation, i.e.
 * `refreshRfm` = REFRESH of the idle one of the two materialized views + the base aggregates +
 * repointing the view, 3 runs in a row,
 * and (2) what a request pays: the snapshot row and one customer's scores.
 */
import { sql } from 'drizzle-orm';
import { openPostgres } from '@/db';
import { getRfmScore, getRfmSnapshot, refreshRfm } from '@/lib/analytics/rfm';
import { fmt, info, LARGE_DB, median, record } from './common';

export async function runRfm(): Promise<void> {
  console.log('\n== RFM sur toute la base (vue matérialisée customer_rfm, 3 rafraîchissements)');
  const handle = openPostgres(LARGE_DB, 4);
  try {
    const total: number[] = [];
    let customers = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const snapshot = await refreshRfm(handle.db);
      total.push(performance.now() - t);
      customers = snapshot?.total ?? 0;
    }
    info(`${customers} clients actifs notés ; rafraîchissements : ${total.map((x) => `${fmt(x, 0)} ms`).join(', ')}`);
    record('rfm', 'RFM base entière (recalcul complet : REFRESH + agrégats + bascule, médiane)', median(total), 'ms', {
      max: 1000,
    });

    const ids = (await handle.db.execute(
      sql`select customer_id::text as id from customer_rfm order by md5(customer_id::text) limit 200`,
    )) as unknown as { id: string }[];
    const reads: number[] = [];
    for (let i = 0; i < 400; i++) {
      const t = performance.now();
      await Promise.all([getRfmSnapshot(handle.db), getRfmScore(handle.db, ids[i % ids.length].id)]);
      reads.push(performance.now() - t);
    }
    record('rfm', 'RFM lu par une requête (instantané + scores du client, médiane)', median(reads), 'ms', {
      max: 1000,
      note: 'vue matérialisée partagée par toutes les instances ; rafraîchie toutes les 5 min et après les écritures',
    });
  } finally {
    await handle.close();
  }
}
