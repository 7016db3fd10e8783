/**
 * API versus raw SQL (README › Benchmarks): for each endpoint, autocannon with 20 connections for ~10 s against
 * (a) the app with a Bearer token and (b) tests/bench/raw-sql-server.ts running the same SQL through
 * postgres.js. Paths rotate over 200 sample customers on both sides. Target: app p95 ≤ 1.5× raw p95;
 * finances and analytics app p95 ≤ 150 ms (issue 7).
 * Each endpoint is measured twice: saturating (20 connections as fast as they can: throughput, and
 * latency dominated by queueing behind the CPU) and sequential (1 connection, closed loop:
 * per-request latency without queueing; autocannon's rate limiting sends bursts each second, so it
 * is not used). The framework floor (/api/health, `select 1`, no auth) is printed first.
 */
import path from 'node:path';
import os from 'node:os';
import { type BenchContext } from './context';
import { fmt, info, LARGE_DB, RAW_PORT, record, ROOT, spawnGroup, stopGroup, waitForHttp } from './common';
import { type LoadStats, runLoad } from './load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Latency runs: few connections (closed loop), so p95 compares per-request latency rather than queueing. */
const LATENCY_CONNECTIONS = Number(process.env.BENCH_LATENCY_CONNECTIONS ?? 1);

export interface Endpoint {
  name: string;
  app: (id: string) => string;
  raw: (id: string) => string;
  /** issue 7: absolute p95 target on the app endpoint. */
  p95Max?: number;
}

export const ENDPOINTS: Endpoint[] = [
  { name: 'liste clients', app: () => '/api/customers', raw: () => '/customers' },
  { name: 'fiche client', app: (id) => `/api/customers/${id}`, raw: (id) => `/customers/${id}` },
  { name: 'page activité', app: (id) => `/api/customers/${id}/activities`, raw: (id) => `/customers/${id}/activities` },
  { name: 'liste documents', app: (id) => `/api/customers/${id}/documents`, raw: (id) => `/customers/${id}/documents` },
  {
    name: 'finances',
    app: (id) => `/api/customers/${id}/finances`,
    raw: (id) => `/customers/${id}/finances`,
    p95Max: 150,
  },
  {
    name: 'analyses',
    app: (id) => `/api/customers/${id}/analytics`,
    raw: (id) => `/customers/${id}/analytics`,
    p95Max: 150,
  },
];

function line(label: string, s: LoadStats) {
  const bad = s.non2xx || s.errors ? `  ⚠ non-2xx ${s.non2xx}, erreurs ${s.errors} ${JSON.stringify(s.statuses)}` : '';
  info(
    `${label.padEnd(28)} p50 ${fmt(s.p50).padStart(7)} ms  p95 ${fmt(s.p95).padStart(7)} ms  ${fmt(s.rps).padStart(7)} req/s  (${s.requests} req)${bad}`,
  );
}

export async function startRawServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const log = path.join(os.tmpdir(), `c360-bench-raw-${RAW_PORT}.log`);
  const child = spawnGroup(
    path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    [path.join(ROOT, 'tests/bench/raw-sql-server.ts'), String(RAW_PORT)],
    { DATABASE_URL: LARGE_DB },
    log,
  );
  const url = `http://127.0.0.1:${RAW_PORT}`;
  try {
    // Start-up includes the base-wide RFM statement (several seconds at 100k).
    await waitForHttp(`${url}/health`, 180_000, child);
  } catch (error) {
    await stopGroup(child);
    throw new Error(`${(error as Error).message} (journal : ${log})`);
  }
  info(`serveur SQL brut sur ${url} (pid ${child.pid})`);
  return { url, stop: () => stopGroup(child) };
}

export async function runApiVsSql(ctx: BenchContext): Promise<void> {
  console.log(
    `\n== API contre SQL brut (autocannon, 20 connexions, ${SECONDS} s par mesure, ${ctx.fixtures.sampleIds.length} clients en rotation)`,
  );
  const app = await ctx.app();
  const raw = await startRawServer();
  const ids = ctx.fixtures.sampleIds;
  const tokens = ctx.fixtures.tokens;
  const bearer = (i: number) => ({ authorization: `Bearer ${tokens[i % tokens.length]}` });
  try {
    await runLoad({ baseUrl: app.url, paths: ['/api/health'], seconds: 3 });
    line('plancher Next : /api/health', await runLoad({ baseUrl: app.url, paths: ['/api/health'], seconds: SECONDS }));
    for (const ep of ENDPOINTS) {
      const appPaths = ids.map(ep.app);
      const rawPaths = ids.map(ep.raw);
      if (ep.name === 'analyses') {
        // The app's first analytics request computes the base-wide RFM snapshot (then cached): not part of the steady state.
        const t = performance.now();
        const res = await fetch(`${app.url}${appPaths[0]}`, {
          headers: bearer(0),
          signal: AbortSignal.timeout(180_000),
        });
        await res.arrayBuffer();
        info(`amorçage du cache RFM de l'app : HTTP ${res.status} en ${fmt(performance.now() - t, 0)} ms`);
      }
      // Warm-up (JIT, route modules, connection pools, buffer cache), results discarded.
      await runLoad({ baseUrl: app.url, paths: appPaths, headers: bearer, seconds: 3 });
      await runLoad({ baseUrl: raw.url, paths: rawPaths, seconds: 3 });
      const a = await runLoad({ baseUrl: app.url, paths: appPaths, headers: bearer, seconds: SECONDS });
      line(`${ep.name} — API`, a);
      const r = await runLoad({ baseUrl: raw.url, paths: rawPaths, seconds: SECONDS });
      line(`${ep.name} — SQL brut`, r);
      const note = a.non2xx || a.errors ? `${a.non2xx} réponses non-2xx côté API` : undefined;
      record('api', `${ep.name} : p95 API / p95 SQL brut (saturé)`, a.p95 / r.p95, '×', {
        max: 1.5,
        note: [`API ${fmt(a.p95, 0)} ms / SQL ${fmt(r.p95, 0)} ms ; ${fmt(a.rps, 0)} / ${fmt(r.rps, 0)} req/s`, note]
          .filter(Boolean)
          .join(' ; '),
      });
      if (ep.p95Max) record('api', `${ep.name} : p95 API (saturé, 20 connexions)`, a.p95, 'ms', { max: ep.p95Max });
      const lat = { seconds: SECONDS, connections: LATENCY_CONNECTIONS };
      const ap = await runLoad({ baseUrl: app.url, paths: appPaths, headers: bearer, ...lat });
      line(`${ep.name} — API ${LATENCY_CONNECTIONS} conn.`, ap);
      const rp = await runLoad({ baseUrl: raw.url, paths: rawPaths, ...lat });
      line(`${ep.name} — SQL ${LATENCY_CONNECTIONS} conn.`, rp);
      record('api', `${ep.name} : p95 API / p95 SQL brut (${LATENCY_CONNECTIONS} conn.)`, ap.p95 / rp.p95, '×', {
        max: 1.5,
        note: `API ${fmt(ap.p95, 1)} ms / SQL ${fmt(rp.p95, 1)} ms`,
      });
      if (ep.p95Max)
        record('api', `${ep.name} : p95 API (${LATENCY_CONNECTIONS} conn.)`, ap.p95, 'ms', { max: ep.p95Max });
    }
  } finally {
    await raw.stop();
  }
}
