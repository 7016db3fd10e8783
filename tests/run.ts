/**
 * `npm test`: every suite, as CI runs it.
 *   1. Vitest unit + integration on the embedded PGlite driver;
 *   2. Vitest integration again on PostgreSQL (TEST_DATABASE_URL, else DATABASE_URL, else the local
 *      server at postgres://postgres@127.0.0.1:5432/test) — skipped with a message when unreachable;
 *   3. Playwright end-to-end against the production build with Debian's Chromium (installed with
 *      apt-get when missing and we are root; otherwise a message says how).
 * 2 and 3 run side by side: a browser test spends most of its time waiting (renders, animations, polling
 * assertions) and the PostgreSQL pass waits on the server, so together they fill the two cores CI has.
 * The end-to-end output goes to a file, printed once both are done (two interleaved reporters are unreadable).
 * Ends with one line "N passed, N failed".
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

const root = path.resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'c360-test-'));
const only = new Set(process.argv.slice(2)); // e.g. `npm test -- vitest` or `npm test -- e2e`
const wants = (suite: string) => only.size === 0 || only.has(suite);

interface Tally {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  note?: string;
}
const tallies: Tally[] = [];

function mergedEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined) merged[k] = v;
  return merged as NodeJS.ProcessEnv;
}

function run(cmd: string, args: string[], env: Record<string, string | undefined>) {
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: mergedEnv(env) }).status ?? 1;
}

/** Like run, without blocking the event loop (a background suite's output keeps flowing meanwhile). */
function runAsync(cmd: string, args: string[], env: Record<string, string | undefined>) {
  return new Promise<number>((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: mergedEnv(env) });
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** Like run, in the background, its output (stdout and stderr) written to `logFile`. */
function runLogged(cmd: string, args: string[], env: Record<string, string | undefined>, logFile: string) {
  return new Promise<number>((resolve) => {
    const log = createWriteStream(logFile);
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: mergedEnv(env) });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('error', () => resolve(1));
    child.on('close', (code) => log.end(() => resolve(code ?? 1)));
  });
}

async function vitest(name: string, projects: string[], env: Record<string, string | undefined>) {
  const out = path.join(tmp, `${name}.json`);
  const args = [
    'vitest',
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ];
  const code = await runAsync('npx', args, env);
  if (!existsSync(out)) {
    tallies.push({ name, passed: 0, failed: 1, skipped: 0, note: `vitest exited ${code} without a report` });
    return;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  // A file that fails to load counts as a failure even if it declared no test.
  const failedSuites = (report.testResults ?? []).filter(
    (r: { status: string; assertionResults: unknown[] }) => r.status === 'failed' && r.assertionResults.length === 0,
  ).length;
  tallies.push({
    name,
    passed: report.numPassedTests,
    failed: report.numFailedTests + failedSuites + (code !== 0 && report.numFailedTests + failedSuites === 0 ? 1 : 0),
    skipped: report.numPendingTests + report.numTodoTests,
  });
}

async function postgresUrl(): Promise<string | null> {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return url;
  } catch (error) {
    console.log(
      `\n[test] PostgreSQL not reachable at ${url} (${(error as Error).message}): skipping the postgres driver run. Set TEST_DATABASE_URL to run it.`,
    );
    return null;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

function ensureChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((c) => existsSync(c));
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log("\n[test] Chromium is missing: installing Debian's chromium package (apt-get)…");
    run('apt-get', ['update', '-qq'], {});
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  console.log(
    '\n[test] Chromium not found. Install it with `sudo apt-get install -y chromium` (or set CHROMIUM_PATH), then run `npm test` again.',
  );
  return null;
}

async function e2e(logFile?: string) {
  const chromium = ensureChromium();
  if (!chromium) {
    tallies.push({ name: 'e2e', passed: 0, failed: 1, skipped: 0, note: 'Chromium missing' });
    return;
  }
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    console.log('\n[test] No production build yet: running `next build` for the end-to-end suite…');
    if (run('npx', ['next', 'build'], {}) !== 0) {
      tallies.push({ name: 'e2e', passed: 0, failed: 1, skipped: 0, note: 'next build failed' });
      return;
    }
  }
  const out = path.join(tmp, 'e2e.json');
  const env = {
    CHROMIUM_PATH: chromium,
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    E2E_DATA_DIR: path.join(tmp, 'e2e-data'),
    // The journey runs on the zero-setup default (embedded PGlite); both drivers are covered by Vitest.
    DATABASE_URL: undefined,
  };
  const code = logFile
    ? await runLogged('npx', ['playwright', 'test'], env, logFile)
    : run('npx', ['playwright', 'test'], env);
  if (!existsSync(out)) {
    tallies.push({ name: 'e2e', passed: 0, failed: 1, skipped: 0, note: `playwright exited ${code} without a report` });
    return;
  }
  const { stats } = JSON.parse(readFileSync(out, 'utf8'));
  const failed = stats.unexpected + (code !== 0 && stats.unexpected === 0 ? 1 : 0);
  tallies.push({ name: 'e2e', passed: stats.expected + stats.flaky, failed, skipped: stats.skipped });
}

async function main() {
  const url = wants('vitest') ? await postgresUrl() : null;
  if (wants('vitest')) await vitest('vitest (pglite)', ['unit', 'integration'], { TEST_DRIVER: 'pglite' });
  // Chromium first (apt-get prints to the terminal), then the browser suite in the background.
  const e2eLog = path.join(tmp, 'e2e.log');
  const browser = wants('e2e') ? e2e(url ? e2eLog : undefined) : Promise.resolve();
  if (url) {
    // The fuzzer's 60 cases per endpoint run on PGlite above; on PostgreSQL it looks for what differs between
    // the drivers (types, NUL bytes, constraint messages), which 25 cases per endpoint reach: CI stays lean.
    // An explicit FUZZ_RUNS wins.
    await vitest('vitest (postgres)', ['integration'], {
      TEST_DRIVER: 'postgres',
      TEST_DATABASE_URL: url,
      FUZZ_RUNS: process.env.FUZZ_RUNS ?? '25',
    });
  }
  await browser;
  if (url && existsSync(e2eLog)) {
    console.log('\n── End-to-end (Playwright), run beside the PostgreSQL pass ──');
    console.log(readFileSync(e2eLog, 'utf8'));
  }

  console.log('\n── Summary ──');
  for (const t of tallies) {
    console.log(
      `${t.name.padEnd(20)} ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped${t.note ? ` (${t.note})` : ''}`,
    );
  }
  const passed = tallies.reduce((s, t) => s + t.passed, 0);
  const failed = tallies.reduce((s, t) => s + t.failed, 0);
  const skipped = tallies.reduce((s, t) => s + t.skipped, 0);
  rmSync(tmp, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(failed === 0 ? 0 : 1);
}

void main();
