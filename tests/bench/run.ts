/**
 * `npm run bench` — every benchmark of the README's Benchmarks section in sequence, each figure printed
 * next to its target with PASS/MISS and the load average; `npm run bench -- api keyset` runs only
 * those. Needs the production build (.next/, from `next build`) and the seed:large database
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/c360_large). The app is started on
 * 127.0.0.1:3200 (BENCH_PORT) unless BENCH_URL points at a running one. Results are also written to
 * tests/bench/results/latest.{json,md}.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runApiVsSql } from './api-vs-sql';
import { fmt, LARGE_DB, load, results, ROOT } from './common';
import { type BenchContext, createContext } from './context';
import { runExport } from './export-server';
import { runFirstLoadJs } from './first-load-js';
import { runImportLegacy } from './import-legacy';
import { runInterventions } from './interventions';
import { runKeysetDepth } from './keyset-depth';
import { runLighthouse } from './lighthouse';
import { runPages, runPglitePages } from './pages';
import { runRfm } from './rfm';
import { runScaleout } from './scaleout';
import { runTasks } from './tasks';
import { runSearch } from './search';

type Bench = { name: string; needsApp: boolean; run: (ctx: BenchContext | null) => Promise<void> };
const BENCHES: Bench[] = [
  { name: 'rfm', needsApp: false, run: () => runRfm() },
  { name: 'interventions', needsApp: false, run: () => runInterventions() },
  { name: 'tasks', needsApp: false, run: () => runTasks() },
  { name: 'search', needsApp: false, run: () => runSearch() },
  { name: 'api', needsApp: true, run: (c) => runApiVsSql(c!) },
  { name: 'keyset', needsApp: true, run: (c) => runKeysetDepth(c!) },
  { name: 'pages', needsApp: true, run: (c) => runPages(c!) },
  { name: 'first-load', needsApp: true, run: (c) => runFirstLoadJs(c!) },
  { name: 'export', needsApp: true, run: (c) => runExport(c!) },
  { name: 'lighthouse', needsApp: true, run: (c) => runLighthouse(c!) },
  { name: 'pglite', needsApp: false, run: () => runPglitePages() },
  { name: 'import', needsApp: false, run: () => runImportLegacy() },
  // Its own two instances, database and HAProxy (scaleout-cluster.ts), not the shared app.
  { name: 'scaleout', needsApp: false, run: () => runScaleout() },
];

function sh(cmd: string): string {
  try {
    return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'n/a';
  }
}

function machine() {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'n/a';
  return {
    date: new Date().toISOString(),
    nproc: sh('nproc'),
    cpu,
    memory: sh(`free -h | awk '/^Mem:/{print $2 " RAM, " $7 " disponibles"}'`),
    node: process.version,
    postgres: sh(`psql "${LARGE_DB}" -tAc "select version()"`).split(' on ')[0],
    commit: sh('git rev-parse --short HEAD'),
    buildId: sh('cat .next/BUILD_ID'),
    uptime: sh('uptime'),
  };
}

type Meta = ReturnType<typeof machine>;
type Row = (typeof results)[number] & { run?: string };

/**
 * latest.{json,md} always hold every bench: a partial run (`npm run bench -- keyset`) replaces the
 * rows of the benches it ran and keeps the others from the previous file, each row saying which
 * run (date, commit) it comes from.
 */
function writeResults(meta: Meta, failures: string[], ran: string[]) {
  const dir = path.join(ROOT, 'tests', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const runLabel = `${meta.date.slice(0, 16).replace('T', ' ')} ${meta.commit}`;
  let previous: { runs?: Record<string, Meta>; results?: Row[]; machine?: Meta } = {};
  try {
    previous = JSON.parse(readFileSync(path.join(dir, 'latest.json'), 'utf8')) as typeof previous;
  } catch {
    // first run, or an unreadable file: start afresh
  }
  if (previous.machine) {
    // Files written before per-run labels: one run for every row.
    const label = `${previous.machine.date.slice(0, 16).replace('T', ' ')} ${previous.machine.commit}`;
    previous = {
      runs: { [label]: previous.machine },
      results: (previous.results ?? []).map((r) => ({ ...r, run: r.run ?? label })),
    };
  }
  const kept = (previous.results ?? []).filter((r) => !ran.includes(r.bench) && r.run);
  const merged: Row[] = [...kept, ...results.map((r) => ({ ...r, run: runLabel }))].sort(
    (a, b) => BENCHES.findIndex((x) => x.name === a.bench) - BENCHES.findIndex((x) => x.name === b.bench),
  );
  const runs = {
    ...Object.fromEntries(Object.entries(previous.runs ?? {}).filter(([label]) => merged.some((r) => r.run === label))),
    [runLabel]: meta,
  };
  writeFileSync(path.join(dir, 'latest.json'), JSON.stringify({ runs, results: merged, failures }, null, 2));
  const rows = merged.map(
    (r) =>
      `| ${r.bench} | ${r.name} | ${fmt(r.value, r.unit === '×' ? 2 : 1)} ${r.unit} | ${r.target || '—'} | ${r.pass == null ? '—' : r.pass ? 'PASS' : '**MISS**'} | ${r.load} | ${r.run} |${r.note ? ` ${r.note}` : ''}`,
  );
  const md = [
    ...Object.entries(runs).map(
      ([label, m]) =>
        `Run ${label}: build ${m.buildId}; ${m.nproc} vCPU ${m.cpu}; ${m.memory}; Node ${m.node}; ${m.postgres}; ${m.uptime}`,
    ),
    '',
    '| bench | figure | value | target | verdict | load (1 min) | run | note',
    '|---|---|---|---|---|---|---|---',
    ...rows,
    ...(failures.length ? ['', 'Failed sub-benchmarks:', ...failures.map((f) => `- ${f}`)] : []),
    '',
  ].join('\n');
  writeFileSync(path.join(dir, 'latest.md'), md);
}

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !BENCHES.some((b) => b.name === w));
  if (unknown.length) {
    console.error(`Benchmark inconnu : ${unknown.join(', ')}. Disponibles : ${BENCHES.map((b) => b.name).join(', ')}`);
    process.exit(2);
  }
  const selected = wanted.length ? BENCHES.filter((b) => wanted.includes(b.name)) : BENCHES;
  const meta = machine();
  console.log(`Customer 360 — benchmarks (${selected.map((b) => b.name).join(', ')})`);
  console.log(
    `${meta.date} · ${meta.nproc} vCPU ${meta.cpu} · mémoire ${meta.memory} · Node ${meta.node} · ${meta.postgres}`,
  );
  console.log(`${meta.uptime}\nBase : ${LARGE_DB.replace(/\/\/[^@]*@/, '//…@')}`);

  let ctx: BenchContext | null = null;
  const failures: string[] = [];
  const stop = async () => {
    await ctx?.close().catch((e: unknown) => console.error(`arrêt : ${String(e)}`));
  };
  process.once('SIGINT', () => void stop().finally(() => process.exit(130)));
  try {
    if (selected.some((b) => b.needsApp)) {
      ctx = await createContext();
      const c = ctx.fixtures.counts;
      console.log(
        `Données : ${c.customers} clients, ${c.activities} activités, ${c.invoices} factures, ${c.payments} paiements, ${c.documents} documents`,
      );
    }
    for (const b of selected) {
      const started = performance.now();
      try {
        await b.run(ctx);
      } catch (error) {
        failures.push(`${b.name}: ${(error as Error).message}`);
        console.error(`  ✗ ${b.name} a échoué : ${(error as Error).message}`);
      }
      console.log(`  (${b.name} : ${fmt((performance.now() - started) / 1000, 0)} s, load ${load()})`);
    }
  } finally {
    await stop();
  }

  writeResults(
    meta,
    failures,
    selected.map((b) => b.name),
  );
  const judged = results.filter((r) => r.pass != null);
  const missed = judged.filter((r) => !r.pass);
  console.log(
    `\n== Bilan : ${judged.length - missed.length} PASS, ${missed.length} MISS${failures.length ? `, ${failures.length} benchmark(s) en échec` : ''}`,
  );
  for (const r of missed)
    console.log(
      `  MISS ${r.bench} · ${r.name} : ${fmt(r.value, r.unit === '×' ? 2 : 1)} ${r.unit} (cible ${r.target}, load ${r.load})`,
    );
  for (const f of failures) console.log(`  ÉCHEC ${f}`);
  console.log('Résultats : tests/bench/results/latest.md');
  process.exit(failures.length ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
