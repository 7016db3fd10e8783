/**
 * Streamed list export (issue 9), two ways:
 *  1. over HTTP: GET /api/customers/export?format=csv|xlsx on the bench's production server, whole
 *     100k base — first byte, first CSV data row, total time, and the server's resident memory (its
 *     process group, sampled every 100 ms) above its level just before the request;
 *  2. in process: tests/bench/export-list.ts (written with the export module) run as a child, its
 *     JSON lines recorded.
 * Targets: first byte ≤ 1 s, RSS growth < 100 MB.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fmt, groupRss, info, LARGE_DB, record, ROOT, sleep } from './common';
import type { BenchContext } from './context';

const FORMATS = (process.env.BENCH_EXPORT_FORMATS ?? 'csv,xlsx').split(',') as ('csv' | 'xlsx')[];
const TIMEOUT_MS = 10 * 60_000;

async function overHttp(ctx: BenchContext, format: 'csv' | 'xlsx') {
  const app = await ctx.app();
  if (!app.pid) {
    info('export HTTP : serveur externe (BENCH_URL), mémoire non mesurable — ignoré');
    return;
  }
  // Let the server settle so the baseline is not the tail of the previous benchmark.
  await sleep(3000);
  const baseline = groupRss(app.pid);
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, groupRss(app.pid!));
  }, 100);
  const t0 = performance.now();
  let firstByte = NaN;
  let firstRow = NaN;
  let bytes = 0;
  let newlines = 0;
  try {
    const res = await fetch(`${app.url}/api/customers/export?format=${format}&archived=include`, {
      headers: { authorization: `Bearer ${ctx.fixtures.tokens[0]}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (res.status !== 200) throw new Error(`export ${format} : HTTP ${res.status} ${await res.text()}`);
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read().catch((error: unknown) => {
        throw new Error(
          `export ${format} : flux interrompu après ${bytes} octets / ${newlines} lignes (${(error as Error).message} ; voir le journal du serveur)`,
        );
      });
      if (done) break;
      if (Number.isNaN(firstByte)) firstByte = performance.now() - t0;
      bytes += value.byteLength;
      if (format === 'csv') {
        for (const b of value) if (b === 10) newlines++;
        if (Number.isNaN(firstRow) && newlines >= 2) firstRow = performance.now() - t0;
      }
    }
  } finally {
    clearInterval(sampler);
  }
  const total = performance.now() - t0;
  const growthMb = (peak - baseline) / 1024 / 1024;
  info(
    `export HTTP ${format} : ${fmt(bytes / 1024 / 1024)} Mo${format === 'csv' ? `, ${newlines - 1} lignes` : ''} en ${fmt(total / 1000)} s ; RSS serveur ${fmt(baseline / 1024 / 1024, 0)} → pic ${fmt(peak / 1024 / 1024, 0)} Mo`,
  );
  record('export', `export HTTP ${format} 100k : premier octet`, firstByte, 'ms', { max: 1000 });
  if (format === 'csv')
    record('export', 'export HTTP csv 100k : première ligne de données', firstRow, 'ms', { max: 1000 });
  record('export', `export HTTP ${format} 100k : hausse du RSS serveur`, growthMb, 'MB', { max: 100 });
  record('export', `export HTTP ${format} 100k : durée totale`, total / 1000, 's');
}

interface InProcess {
  format: string;
  rows: number;
  ttfbMs: number;
  firstRowsMs: number;
  totalMs: number;
  rssGrowthMb: number;
  heapPeakGrowthMb: number;
  heapAfterGcGrowthMb: number | null;
}

function inProcess(): Promise<InProcess[]> {
  return new Promise((resolve, reject) => {
    // --expose-gc: export-list.ts forces a GC after each export to tell a leak from a late GC.
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['--expose-gc', 'tests/bench/export-list.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: LARGE_DB },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), TIMEOUT_MS);
    child.on('exit', () => {
      clearTimeout(timer);
      const rows = out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as InProcess);
      if (rows.length) resolve(rows);
      else reject(new Error(`export-list.ts : ${out.slice(-500)}`));
    });
  });
}

export async function runExport(ctx: BenchContext): Promise<void> {
  console.log('\n== Export de la liste clients en flux (100k clients, archivés inclus)');
  const errors: string[] = [];
  for (const format of FORMATS) {
    await overHttp(ctx, format).catch((error: unknown) => {
      errors.push((error as Error).message);
      info(`✗ ${(error as Error).message}`);
    });
  }
  for (const r of await inProcess()) {
    info(`export-list.ts (en processus) ${r.format} : ${r.rows} lignes en ${fmt(r.totalMs / 1000)} s`);
    record('export', `export-list.ts ${r.format} : premières lignes`, r.firstRowsMs, 'ms', { max: 1000 });
    record('export', `export-list.ts ${r.format} : hausse du RSS`, r.rssGrowthMb, 'MB', {
      max: 100,
      note: `tas V8 : pic +${r.heapPeakGrowthMb} Mo, après GC forcé ${r.heapAfterGcGrowthMb == null ? 'n/a' : `+${r.heapAfterGcGrowthMb} Mo`}`,
    });
  }
  if (errors.length) throw new Error(errors.join(' | '));
}
