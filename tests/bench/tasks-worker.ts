/**
 * Run by tests/bench/tasks.ts under `--conditions=react-server` (lib/tasks imports server-only modules).
 *
 * « Mes tâches » at 100k customers (`npm run seed:large`: ~1 task per 2 customers, shared by the few
 * staff accounts, so each person has thousands): the list of each filter (open, overdue, this week,
 * done; first page of 50, the page's size) and the header's overdue count, which every dashboard page
 * pays. Timed through lib/tasks/queries.ts on the seed:large database, for the busiest assignees;
 * also prints the plans (the partial indexes of db/schema/tasks.ts).
 */
import { sql } from 'drizzle-orm';
import { openPostgres } from '@/db';
import { parisToday } from '@/lib/interventions/time';
import { countOverdueTasks, listTasks } from '@/lib/tasks/queries';
import { TASK_FILTERS } from '@/lib/tasks/schema';
import { fmt, info, LARGE_DB, median, pct } from './common';
import { figure, finishWorker, printPlan, rowsOf, timeIt } from './worker';

const ROUNDS = Number(process.env.BENCH_TASKS_ROUNDS ?? 200);

async function main(): Promise<void> {
  const handle = openPostgres(LARGE_DB, 4);
  const db = handle.db;
  try {
    const [size] = rowsOf<{ customers: number; tasks: number }>(
      await db.execute(
        sql`select (select count(*) from customers)::int as customers, (select count(*) from tasks)::int as tasks`,
      ),
    );
    info(`${size.customers} clients, ${size.tasks} tâches`);
    if (size.customers < 90_000)
      info('moins de 100k clients : chiffres indicatifs seulement (seed:large -- --customers 100000)');
    const people = rowsOf<{ id: string; n: number }>(
      await db.execute(sql`select assignee_id::text as id, count(*)::int as n from tasks
        where assignee_id is not null and completed_at is null group by 1 order by 2 desc limit 3`),
    );
    if (!people.length) throw new Error('aucune tâche ouverte : relancer seed:large');
    info(`le plus chargé : ${people[0].n} tâches ouvertes (${people.length} personne(s) mesurée(s))`);
    const today = parisToday();

    for (const filter of TASK_FILTERS) {
      const times = await timeIt(ROUNDS, (i) =>
        listTasks(db, { assigneeId: people[i % people.length].id, filter, limit: 50, today }),
      );
      figure(`Mes tâches « ${filter} » : 1re page de 50 (médiane)`, median(times), 'ms', {
        max: 150,
        note: `p95 ${fmt(pct(times, 95))} ms ; budget du premier octet de la page`,
      });
    }
    const counts = await timeIt(ROUNDS, (i) => countOverdueTasks(db, people[i % people.length].id, today));
    figure('Pastille « en retard » de l’en-tête : un comptage (médiane)', median(counts), 'ms', {
      max: 20,
      note: `p95 ${fmt(pct(counts, 95))} ms ; payé par chaque page`,
    });
    const who = people[0].id;
    await printPlan(
      db,
      'En retard (liste)',
      sql`select t.id from tasks t join customers c on c.id = t.customer_id where t.assignee_id = ${who}::uuid
        and t.completed_at is null and t.due_date < ${today}::date order by t.due_date asc nulls last, t.id limit 51`,
    );
    await printPlan(
      db,
      'Pastille (comptage)',
      sql`select count(*) from tasks where assignee_id = ${who}::uuid and completed_at is null and due_date < ${today}::date`,
    );
  } finally {
    await handle.close();
  }
}

finishWorker(main);
