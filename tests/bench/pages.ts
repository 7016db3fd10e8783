/**
 * Pages (README › Benchmarks): time to first byte and to the end of the streamed HTML of /customers/{id}, of
 * each tab (Interventions included) and of the office work pages (À relancer, Planning), signed in
 * (session cookie from the credentials form), on a warm server. Targets: first byte ≤ 150 ms, full HTML of each tab ≤ 300 ms (medians of ROUNDS requests per route).
 * Also the same on the embedded PGlite with 10k customers (`pglite` sub-benchmark).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  fmt,
  info,
  median,
  pct,
  PGLITE_PORT,
  record,
  ROOT,
  spawnGroup,
  startNextServer,
  signIn,
  timeGet,
} from './common';
import type { BenchContext } from './context';

const ROUNDS = Number(process.env.BENCH_PAGE_ROUNDS ?? 10);
export const TABS = [
  '',
  '/activity',
  '/documents',
  '/finances',
  '/analytics',
  '/consents',
  '/dashboard-360',
  '/interventions',
];
/** Base-wide work pages of the office (the busiest queries outside a customer): same budgets. */
export const WORK_PAGES = ['/relances', '/planning'];

export async function timePages(
  bench: string,
  baseUrl: string,
  cookie: string,
  customerId: string,
  suffix = '',
  extraRoutes: string[] = [],
): Promise<void> {
  const headers = { cookie, 'accept-encoding': 'gzip, br' };
  const routes = [...TABS.map((t) => `/customers/${customerId}${t}`), ...extraRoutes];
  for (const r of routes) {
    for (let i = 0; i < 2; i++) {
      const res = await timeGet(baseUrl + r, headers);
      if (res.status !== 200) throw new Error(`${r} : HTTP ${res.status} (session refusée ?)`);
    }
  }
  const ttfb = new Map<string, number[]>(routes.map((r) => [r, []]));
  const total = new Map<string, number[]>(routes.map((r) => [r, []]));
  for (let i = 0; i < ROUNDS; i++) {
    for (const r of routes) {
      const res = await timeGet(baseUrl + r, headers);
      if (res.status !== 200) throw new Error(`${r} : HTTP ${res.status}`);
      ttfb.get(r)!.push(res.ttfb);
      total.get(r)!.push(res.total);
    }
  }
  for (const [i, r] of routes.entries()) {
    const tab = i < TABS.length ? TABS[i] || '/ (profil)' : r;
    const t = ttfb.get(r)!;
    const f = total.get(r)!;
    info(
      `${tab.padEnd(16)} premier octet médiane ${fmt(median(t))} ms (p95 ${fmt(pct(t, 95))}) — HTML complet médiane ${fmt(median(f))} ms (p95 ${fmt(pct(f, 95))})`,
    );
    record(bench, `${tab} premier octet${suffix}`, median(t), 'ms', { max: 150 });
    record(bench, `${tab} HTML complet${suffix}`, median(f), 'ms', { max: 300 });
  }
}

export async function runPages(ctx: BenchContext): Promise<void> {
  console.log(
    `\n== Pages client (PostgreSQL, 100k clients) — client ${ctx.fixtures.pageCustomerId}, ${ROUNDS} mesures par onglet`,
  );
  const app = await ctx.app();
  await timePages('pages', app.url, await ctx.cookie(), ctx.fixtures.pageCustomerId, '', WORK_PAGES);
}

function runChild(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  log: string,
  timeoutMs: number,
): Promise<number> {
  const child = spawnGroup(cmd, args, env, log);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // gone
      }
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

/**
 * PGlite (the embedded default): seed:large with 10k customers into a temporary DATA_DIR, then the
 * same page timings. BENCH_PGLITE_DIR keeps (and on later runs reuses) the seeded directory.
 */
export async function runPglitePages(): Promise<void> {
  const customers = Number(process.env.BENCH_PGLITE_CUSTOMERS ?? 10_000);
  console.log(`\n== Pages client sur PGlite (embarqué, ${customers} clients)`);
  const keep = process.env.BENCH_PGLITE_DIR;
  const dir = keep ?? mkdtempSync(path.join(os.tmpdir(), 'c360-bench-pglite-'));
  const env = { DATA_DIR: dir, DATABASE_URL: '', DEMO_PASSWORD: 'customer360' };
  try {
    if (keep && existsSync(path.join(dir, 'pglite', 'PG_VERSION'))) {
      info(`PGlite déjà peuplée réutilisée : ${dir}`);
    } else {
      mkdirSync(dir, { recursive: true });
      const log = path.join(dir, 'seed.log');
      const started = performance.now();
      const code = await runChild(
        path.join(ROOT, 'node_modules/.bin/tsx'),
        ['db/seed/large-cli.ts', '--customers', String(customers)],
        env,
        log,
        20 * 60_000,
      );
      if (code !== 0) throw new Error(`seed:large sur PGlite a échoué (code ${code}, journal ${log})`);
      info(`seed:large --customers ${customers} sur PGlite : ${fmt((performance.now() - started) / 1000, 0)} s`);
    }

    // Pick the busiest customer while no server holds the directory.
    const { openPglite } = await import('@/db');
    const handle = openPglite(path.join(dir, 'pglite'));
    const { sql } = await import('drizzle-orm');
    const res = (await handle.db.execute(
      sql`select customer_id::text as id, (select count(*)::int from customers) as n from customer_activity group by customer_id order by count(*) desc, customer_id limit 1`,
    )) as unknown as { rows: { id: string; n: number }[] };
    await handle.close();
    const customerId = res.rows[0].id;
    info(`PGlite : ${res.rows[0].n} clients ; client mesuré ${customerId}`);

    const server = await startNextServer(PGLITE_PORT, env, 'pglite');
    try {
      const cookie = await signIn(server.url, 'admin@demo.local', 'customer360');
      await timePages('pglite', server.url, cookie, customerId, ' (PGlite 10k)');
    } finally {
      await server.stop();
    }
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}
