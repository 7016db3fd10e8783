/**
 * `npm run bench -- tasks`: « Mes tâches » (each filter) and the header's overdue count at 100k
 * customers; measured in tasks-worker.ts (server-only modules need `--conditions=react-server`).
 */
import { runWorker } from './worker';

export async function runTasks(): Promise<void> {
  const rounds = process.env.BENCH_TASKS_ROUNDS ?? '200';
  console.log(`\n== Mes tâches (4 filtres et la pastille de l’en-tête ; ${rounds} requêtes séquentielles)`);
  await runWorker('tasks', 'tasks-worker.ts');
}
