/**
 * Run by tests/bench/interventions.ts in its own process with `--conditions=react-server` (the
 * interventions lists import server-only modules). Prints its lines, then one `RESULT {json}` line
 * with the figures for the parent to record next to their targets.
 *
 * Interventions at 100k customers / 1M interventions (`npm run seed:large`, --interventions 10):
 * the queries behind "Ma journée" (a technician's Paris day, lib/interventions/lists.ts) and the
 * customer's Interventions tab (upcoming + past, first keyset page each), timed through the app's
 * own functions on the seed:large database, against the page budgets (first byte ≤ 150 ms for Ma
 * journée, tab ≤ 300 ms). The query is only part of the page: these figures leave the rest of the
 * budget to rendering. Also prints the EXPLAIN of each (index used, rows read) and times the
 * "À relancer" list (informational: a manager's page, a scan of the vehicles).
 */
import { sql } from 'drizzle-orm';
import { openPostgres } from '@/db';
import { listDueVehicles } from '@/lib/interventions/follow-up';
import { listCustomerInterventions, listTechnicianDay } from '@/lib/interventions/lists';
import { interventionListQuerySchema } from '@/lib/interventions/schema';
import { parisDayRange, parisToday } from '@/lib/interventions/time';
import { fmt, info, LARGE_DB, median, pct } from './common';
import { RFC_UUID } from './fixtures';
import { figure, finishWorker, printPlan, rowsOf, timeIt } from './worker';

const record = (_bench: string, name: string, value: number, unit: string, opts: { max?: number; note?: string }) =>
  figure(name, value, unit, opts);

const ROUNDS = Number(process.env.BENCH_INTERVENTIONS_ROUNDS ?? 200);

async function main(): Promise<void> {
  const handle = openPostgres(LARGE_DB, 4);
  const db = handle.db;
  try {
    const [size] = rowsOf<{ customers: number; interventions: number }>(
      await db.execute(
        sql`select (select count(*) from customers)::int as customers, (select count(*) from interventions)::int as interventions`,
      ),
    );
    info(`${size.customers} clients, ${size.interventions} interventions`);
    if (size.interventions < 900_000)
      info('moins de 1M interventions : lancer `npm run seed:large -- --interventions 10` pour la taille cible');

    // The busiest technician of today (Paris) and of the whole table: the worst "Ma journée".
    const today = parisToday();
    const { start, end } = parisDayRange(today);
    const techs = rowsOf<{ id: string; n: number }>(
      await db.execute(sql`select technician_id::text as id, count(*)::int as n from interventions
        where technician_id is not null and scheduled_at >= ${start.toISOString()}::timestamptz and scheduled_at < ${end.toISOString()}::timestamptz
        group by 1 order by 2 desc limit 5`),
    );
    if (!techs.length) throw new Error('aucune intervention aujourd’hui : relancer seed:large (rendez-vous)');
    info(`journée la plus chargée aujourd’hui : ${techs[0].n} interventions (${techs.length} technicien(s) occupés)`);
    const day = await timeIt(ROUNDS, (i) =>
      listTechnicianDay(db, { technicianId: techs[i % techs.length].id, date: today, limit: 20 }),
    );
    record('interventions', 'Ma journée : requête (technicien, jour Paris, 20 premières)', median(day), 'ms', {
      max: 150,
      note: `p95 ${fmt(pct(day, 95))} ms ; budget du premier octet de la page`,
    });

    // Customers with the most interventions, and an ordinary sample spread over the base (ids the
    // app's strict uuid check accepts: see RFC_UUID).
    const busy = rowsOf<{ id: string }>(
      await db.execute(
        sql`select customer_id::text as id from interventions where customer_id::text ~ ${RFC_UUID}
        group by 1 order by count(*) desc limit 20`,
      ),
    );
    const sample = rowsOf<{ id: string }>(
      await db.execute(
        sql`select id::text as id from customers where erased_at is null and id::text ~ ${RFC_UUID}
        order by md5(id::text) limit 180`,
      ),
    );
    const ids = [...busy, ...sample].map((r) => r.id);
    const upcoming = interventionListQuerySchema.parse({ scope: 'upcoming' });
    const past = interventionListQuerySchema.parse({ scope: 'past' });
    const tab = await timeIt(ROUNDS, (i) =>
      Promise.all([
        listCustomerInterventions(db, ids[i % ids.length], upcoming),
        listCustomerInterventions(db, ids[i % ids.length], past),
      ]),
    );
    record('interventions', 'Onglet Interventions : requêtes (à venir + passées, 1re page)', median(tab), 'ms', {
      max: 300,
      note: `p95 ${fmt(pct(tab, 95))} ms ; budget de l’onglet`,
    });
    await printPlan(
      db,
      'Ma journée',
      sql`select i.id from interventions i join customers c on c.id = i.customer_id
        where i.technician_id = ${techs[0].id}::uuid and i.scheduled_at >= ${start.toISOString()}::timestamptz
          and i.scheduled_at < ${end.toISOString()}::timestamptz and i.status <> 'cancelled'
        order by i.scheduled_at, i.id limit 21`,
    );
    await printPlan(
      db,
      'Onglet (passées)',
      sql`select i.id from interventions i where i.customer_id = ${busy[0].id}::uuid
        and i.status in ('done', 'invoiced', 'cancelled') order by i.scheduled_at desc, i.id desc limit 21`,
    );

    const due = await timeIt(Math.min(ROUNDS, 10), () => listDueVehicles(db, { days: 30, limit: 25 }));
    record('interventions', 'À relancer : 1re page à 30 jours (informatif)', median(due), 'ms', {
      note: 'page des responsables ; parcourt tous les véhicules',
    });
  } finally {
    await handle.close();
  }
}

finishWorker(main);
