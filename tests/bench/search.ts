/**
 * `npm run bench -- search`: the global search (top bar, GET /api/search) at 100k customers, p95
 * against the 100 ms target. Measured in search-worker.ts (server-only modules: see worker.ts).
 */
import { runWorker } from './worker';

export async function runSearch(): Promise<void> {
  const rounds = process.env.BENCH_SEARCH_ROUNDS ?? '300';
  console.log(`\n== Recherche globale (${rounds} recherches séquentielles, textes tirés des données)`);
  await runWorker('search', 'search-worker.ts');
}
