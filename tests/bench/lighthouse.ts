/**
 * Lighthouse 12.2 (devDependency) with Debian's Chromium, default mobile preset (simulated slow 4G
 * and 4× CPU slowdown), signed in through `--extra-headers` (session cookie), on the customer page
 * and the list. Targets: performance ≥ 90, accessibility ≥ 95, best practices ≥ 95.
 * With several runs (BENCH_LH_RUNS), the median score of each category is kept.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { info, median, record, ROOT } from './common';
import type { BenchContext } from './context';

const RUNS = Number(process.env.BENCH_LH_RUNS ?? 1);
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CATEGORIES = [
  ['performance', 'performance', 90],
  ['accessibility', 'accessibilité', 95],
  ['best-practices', 'bonnes pratiques', 95],
] as const;

interface LhReport {
  categories: Record<string, { score: number | null }>;
  audits: Record<
    string,
    {
      numericValue?: number;
      displayValue?: string;
      score: number | null;
      title: string;
      details?: { items?: Record<string, unknown>[] };
    }
  >;
  runtimeError?: { message: string };
  environment?: { benchmarkIndex?: number };
}

function lighthouse(url: string, headersFile: string, out: string, extra: string[] = []): Promise<void> {
  const args = [
    path.join(ROOT, 'node_modules', 'lighthouse', 'cli', 'index.js'),
    ...extra,
    url,
    '--output=json',
    `--output-path=${out}`,
    '--only-categories=performance,accessibility,best-practices',
    '--chrome-flags=--headless --no-sandbox --disable-gpu',
    `--extra-headers=${headersFile}`,
    '--max-wait-for-load=60000',
    '--quiet',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, CHROME_PATH: CHROME },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGTERM'), 240_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`lighthouse ${url} : code ${code} ${stderr}`));
    });
  });
}

export async function runLighthouse(ctx: BenchContext): Promise<void> {
  console.log(`\n== Lighthouse 12.2 (mobile par défaut, Chromium ${CHROME}, ${RUNS} passe(s) par page, connecté)`);
  const app = await ctx.app();
  const cookie = await ctx.cookie();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'c360-bench-lh-'));
  const headersFile = path.join(dir, 'headers.json');
  writeFileSync(headersFile, JSON.stringify({ Cookie: cookie }));
  const pages: [string, string][] = [
    ['fiche client', `/customers/${ctx.fixtures.pageCustomerId}`],
    ['liste clients', '/customers'],
  ];
  try {
    for (const [label, route] of pages) {
      const scores: Record<string, number[]> = {};
      let last: LhReport | null = null;
      for (let run = 0; run < RUNS; run++) {
        const out = path.join(dir, `report-${run}.json`);
        await lighthouse(app.url + route, headersFile, out);
        last = JSON.parse(readFileSync(out, 'utf8')) as LhReport;
        if (last.runtimeError) throw new Error(`lighthouse ${route} : ${last.runtimeError.message}`);
        for (const [key] of CATEGORIES)
          (scores[key] ??= []).push(Math.round((last.categories[key]?.score ?? NaN) * 100));
      }
      for (const [key, name, min] of CATEGORIES)
        record('lighthouse', `${label} : ${name}`, median(scores[key]), 'pts', {
          min,
          note: RUNS > 1 ? `passes : ${scores[key].join(', ')}` : undefined,
        });
      if (process.env.BENCH_LH_DIAGNOSE) {
        // Diagnostic only: the same page without the simulated 4× CPU slowdown, to tell a slow host from heavy JS.
        const out = path.join(dir, 'report-cpu1.json');
        await lighthouse(app.url + route, headersFile, out, ['--throttling.cpuSlowdownMultiplier=1']);
        const r = JSON.parse(readFileSync(out, 'utf8')) as LhReport;
        info(
          `${label} : diagnostic sans ralentissement CPU simulé (×1) : performance ${Math.round((r.categories.performance?.score ?? NaN) * 100)}, TBT ${r.audits['total-blocking-time']?.displayValue ?? 'n/a'}`,
        );
      }
      if (last) {
        const a = last.audits;
        const m = [
          'first-contentful-paint',
          'largest-contentful-paint',
          'total-blocking-time',
          'cumulative-layout-shift',
          'speed-index',
        ]
          .map((k) => `${k.replace(/-/g, ' ')} ${a[k]?.displayValue ?? 'n/a'}`)
          .join(', ');
        info(`${label} : ${m} ; benchmarkIndex de l'hôte ${last.environment?.benchmarkIndex ?? 'n/a'}`);
        const failed = Object.entries(a)
          .filter(([, v]) => v.score === 0)
          .map(([k]) => k)
          .slice(0, 12);
        if (failed.length) info(`${label} : audits en échec : ${failed.join(', ')}`);
        for (const item of a['errors-in-console']?.details?.items ?? []) {
          info(
            `${label} : erreur console : ${String(item.description ?? '').slice(0, 200)} (${String((item.sourceLocation && (item.sourceLocation as { url?: string }).url) || item.source || '')})`,
          );
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
