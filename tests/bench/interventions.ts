/**
 * `npm run bench -- interventions`: "Ma journée" and the Interventions tab at 100k customers / 1M
 * interventions (seed:large --interventions 10). The measurement runs in interventions-worker.ts,
 * in a child process started with `--conditions=react-server` because the interventions lists
 * import server-only modules; its figures are recorded here next to their targets.
 */
import { runWorker } from './worker';

export async function runInterventions(): Promise<void> {
  const rounds = process.env.BENCH_INTERVENTIONS_ROUNDS ?? '200';
  console.log(`\n== Interventions (Ma journée, onglet Interventions ; ${rounds} requêtes séquentielles)`);
  await runWorker('interventions', 'interventions-worker.ts');
}
