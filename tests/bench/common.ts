/**
 * Shared pieces of `npm run bench`: configuration, statistics, the result log (figure, target,
 * PASS/MISS, load average), starting/stopping a production server, and signing in.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** The seed:large database (100k customers). */
export const LARGE_DB = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/c360_large';
export const APP_PORT = Number(process.env.BENCH_PORT ?? 3200);
export const RAW_PORT = Number(process.env.BENCH_RAW_PORT ?? 3210);
export const PGLITE_PORT = Number(process.env.BENCH_PGLITE_PORT ?? 3201);
export const BENCH_EMAIL = 'bench-admin@bench.local';
export const BENCH_PASSWORD = 'bench-password-360';

/** The same server and credentials, another database (scratch databases of the import and scale-out benches). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export const load = () => os.loadavg()[0].toFixed(1);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
export const median = (xs: number[]) => pct(xs, 50);
export const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

export interface BenchResult {
  bench: string;
  name: string;
  value: number;
  unit: string;
  /** e.g. '≤ 150 ms'; empty for informational figures. */
  target: string;
  pass: boolean | null;
  load: string;
  note?: string;
}

export const results: BenchResult[] = [];

/** Records and prints one figure. `max`/`min` give the target (both: a range, `= x` when equal); neither = informational. */
export function record(
  bench: string,
  name: string,
  value: number,
  unit: string,
  opts: { max?: number; min?: number; note?: string } = {},
): BenchResult {
  const { max, min } = opts;
  const target =
    max != null && min != null
      ? min === max
        ? `= ${max} ${unit}`
        : `${min}–${max} ${unit}`
      : max != null
        ? `≤ ${max} ${unit}`
        : min != null
          ? `≥ ${min} ${unit}`
          : '';
  const pass =
    max == null && min == null
      ? null
      : Number.isFinite(value) && (max == null || value <= max) && (min == null || value >= min);
  const r: BenchResult = { bench, name, value, unit, target, pass, load: load(), note: opts.note };
  results.push(r);
  const verdict = pass == null ? '    ' : pass ? 'PASS' : 'MISS';
  console.log(
    `  ${verdict}  ${name.padEnd(52)} ${`${fmt(value, unit === '×' ? 2 : 1)} ${unit}`.padStart(12)}  ${target ? `(cible ${target})` : ''}  [load ${r.load}]${opts.note ? `  ${opts.note}` : ''}`,
  );
  return r;
}

export function info(line: string) {
  console.log(`  ·  ${line}  [load ${load()}]`);
}

// ---------------------------------------------------------------------------------------------
// Servers

export interface Server {
  url: string;
  pid: number | null;
  stop: () => Promise<void>;
}

export async function waitForHttp(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode != null) throw new Error(`le serveur s'est arrêté (code ${child.exitCode})`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await sleep(500);
  }
  throw new Error(`${url} ne répond pas après ${timeoutMs / 1000} s`);
}

/** Spawns a process in its own process group (so stop() ends it and its children, nothing else). */
export function spawnGroup(
  cmd: string,
  args: string[],
  env: Record<string, string | undefined>,
  logFile: string,
  cwd = ROOT,
): ChildProcess {
  const fd = openSync(logFile, 'a');
  return spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...env } as NodeJS.ProcessEnv,
    detached: true,
    stdio: ['ignore', fd, fd],
  });
}

export async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid == null || child.exitCode != null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

export const authSecret = randomBytes(32).toString('base64url');

/**
 * The team rebuilds .next/ often; a server reading it while it is rewritten breaks mid-run. So the
 * servers run on a private copy: <tmp>/c360-bench-build-<BUILD_ID>/ with .next/ copied (without its
 * cache) and every other top-level entry of the repo symlinked. Taken only from a finished build
 * (BUILD_ID at least 20 s old and unchanged during the copy). BENCH_NO_SNAPSHOT=1 uses .next/ itself.
 */
export async function buildSnapshot(): Promise<string> {
  if (process.env.BENCH_NO_SNAPSHOT) return ROOT;
  // An earlier snapshot (e.g. the build before a change, for an A/B comparison under the same load).
  if (process.env.BENCH_SNAPSHOT) return process.env.BENCH_SNAPSHOT;
  const idFile = path.join(ROOT, '.next', 'BUILD_ID');
  for (let attempt = 0; attempt < 40; attempt++) {
    if (!existsSync(idFile) || Date.now() - statSync(idFile).mtimeMs < 20_000) {
      await sleep(15_000); // a build is running or just finished
      continue;
    }
    const before = statSync(idFile).mtimeMs;
    const id = readFileSync(idFile, 'utf8').trim();
    const dir = path.join(os.tmpdir(), `c360-bench-build-${id}`);
    if (existsSync(path.join(dir, '.next', 'BUILD_ID'))) return dir;
    const tmp = `${dir}.part-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    cpSync(path.join(ROOT, '.next'), path.join(tmp, '.next'), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => !src.startsWith(path.join(ROOT, '.next', 'cache')),
    });
    if (!existsSync(idFile) || statSync(idFile).mtimeMs !== before) {
      rmSync(tmp, { recursive: true, force: true });
      continue; // rebuilt while copying
    }
    for (const entry of readdirSync(ROOT)) {
      if (entry === '.next' || entry === '.git' || entry === '.data') continue;
      symlinkSync(path.join(ROOT, entry), path.join(tmp, entry));
    }
    renameSync(tmp, dir);
    // Older snapshots are of no further use once no bench can still be serving from them: a
    // server started from a snapshot loads modules lazily, so removing it under a running bench
    // turns its requests into 500s. Snapshots younger than SNAPSHOT_KEEP_MS are kept.
    for (const entry of readdirSync(os.tmpdir())) {
      const other = path.join(os.tmpdir(), entry);
      if (!entry.startsWith('c360-bench-build-') || other === dir || entry.includes('.part-')) continue;
      if (Date.now() - statSync(other).mtimeMs > SNAPSHOT_KEEP_MS) rmSync(other, { recursive: true, force: true });
    }
    info(`copie privée de la build ${id} : ${dir}`);
    return dir;
  }
  throw new Error('pas de build de production terminée (.next/BUILD_ID absent ou réécrit sans cesse)');
}

const SNAPSHOT_KEEP_MS = 3 * 60 * 60 * 1000;

/**
 * One bench per port at a time: two `npm run bench` on the same machine would otherwise measure
 * each other's server (the second `next start` fails to bind and the first one answers). The lock
 * is a file holding the owner's pid, taken over when that process is gone, released at exit.
 */
export async function lockPort(port: number): Promise<void> {
  const file = path.join(os.tmpdir(), `c360-bench-port-${port}.lock`);
  let announced = false;
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      process.on('exit', () => rmSync(file, { force: true }));
      return;
    } catch {
      let owner = 0;
      try {
        owner = Number(readFileSync(file, 'utf8') || 0);
      } catch {
        continue; // released meanwhile
      }
      let alive = owner > 0 && owner !== process.pid;
      try {
        if (alive) process.kill(owner, 0);
      } catch {
        alive = false;
      }
      if (!alive) {
        rmSync(file, { force: true });
        continue;
      }
      if (!announced) info(`port ${port} occupé par un autre bench (pid ${owner}) : attente de sa fin…`);
      announced = true;
      await sleep(5_000);
    }
  }
}

/**
 * `next start` on (a private copy of) the production build in .next/ (never builds). `serve`: the
 * server `npm start` runs once the database is ready (lib/cli/serve.ts, one process: what a process
 * manager would signal or `kill -9`), in place of `next start`.
 */
export async function startNextServer(
  port: number,
  env: Record<string, string | undefined>,
  label: string,
  { serve = false } = {},
): Promise<Server> {
  await lockPort(port);
  const cwd = await buildSnapshot();
  const log = path.join(os.tmpdir(), `c360-bench-${label}-${port}.log`);
  const args = serve
    ? ['--import', 'tsx', path.join(cwd, 'lib', 'cli', 'serve.ts'), String(port)]
    : [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1'];
  const child = spawnGroup(
    process.execPath,
    args,
    { NODE_ENV: 'production', AUTH_SECRET: authSecret, PORT: String(port), ...env },
    log,
    cwd,
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/api/health`, 120_000, child);
  } catch (error) {
    await stopGroup(child);
    throw new Error(`${(error as Error).message} (journal : ${log})`);
  }
  info(`serveur ${label} démarré sur ${url} (pid ${child.pid}, journal ${log})`);
  return { url, pid: child.pid ?? null, stop: () => stopGroup(child) };
}

/** Resident memory (bytes) of a process group: the server and any worker it forked. */
export function groupRss(pgid: number): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue; // field 5 (pgrp) counted after "pid (comm)"
      total += Number(fields[21]) * 4096; // rss in pages
    } catch {
      // process vanished
    }
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// Sign-in (next-auth credentials, as the login form does)

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]);
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfRes);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/customers` }),
  });
  await res.arrayBuffer();
  const session = cookiesOf(res).filter(
    (c) => c.startsWith('authjs.session-token') || c.startsWith('__Secure-authjs.session-token'),
  );
  if (!session.length)
    throw new Error(`connexion refusée pour ${email} (HTTP ${res.status}, ${res.headers.get('location') ?? ''})`);
  return session.join('; ');
}

/** Times one GET: first body byte and end of body (ms). */
export async function timeGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; ttfb: number; total: number; bytes: number; body: string }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  const reader = res.body!.getReader();
  let ttfb = NaN;
  let bytes = 0;
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (Number.isNaN(ttfb)) ttfb = performance.now() - t0;
    bytes += value.byteLength;
    chunks.push(value);
  }
  const total = performance.now() - t0;
  return {
    status: res.status,
    ttfb: Number.isNaN(ttfb) ? total : ttfb,
    total,
    bytes,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}
