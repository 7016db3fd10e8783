import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * npm start's signal handling, tested on a fake `next start` (a build is not available here):
 * lib/cli/supervise.ts forwards the signal, waits for the server (bounded) and releases the lock.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'c360-supervise-'));
const runs: Run[] = [];
afterAll(() => {
  // A failing run must not leave its processes behind (the fake server may ignore SIGTERM).
  for (const run of runs) {
    const pid = fakeServerPid(run);
    if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    if (run.proc.exitCode === null) run.proc.kill('SIGKILL');
  }
  rmSync(tmp, { recursive: true, force: true });
});

interface Run {
  proc: ChildProcess;
  dataDir: string;
  marker: string;
  output: () => string;
  exited: Promise<{ code: number | null; at: number }>;
}

async function startSupervisor(mode: 'clean' | 'stubborn', graceMs: number): Promise<Run> {
  const dataDir = mkdtempSync(path.join(tmp, 'data-'));
  const marker = path.join(dataDir, 'marker.log');
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/unit/fixtures/supervisor.ts', dataDir, mode, String(graceMs), marker],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    proc.once('exit', (code) => resolve({ code, at: Date.now() })),
  );
  const run: Run = { proc, dataDir, marker, output: () => out, exited };
  runs.push(run);
  const deadline = Date.now() + 60_000;
  while (!out.includes('ready')) {
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`supervisor did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return run;
}

function fakeServerPid(run: Run): number {
  const first = existsSync(run.marker) ? readFileSync(run.marker, 'utf8').split('\n')[0] : '';
  return Number(/^pid (\d+)$/.exec(first)?.[1] ?? 0);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start: SIGTERM and SIGINT go to the server, which is awaited, then the lock is released', () => {
  it('forwards SIGTERM, waits for the server to drain, exits 0 and removes the PGlite lock', async () => {
    const run = await startSupervisor('clean', 5_000);
    expect(existsSync(path.join(run.dataDir, 'pglite.lock'))).toBe(true);
    const sent = Date.now();
    run.proc.kill('SIGTERM');
    const { code, at } = await run.exited;
    expect(code).toBe(0);
    // The server got the signal and finished draining before npm start exited.
    expect(readFileSync(run.marker, 'utf8')).toMatch(/^pid \d+\nSIGTERM\ndrained\n$/);
    expect(at - sent).toBeGreaterThanOrEqual(300);
    expect(existsSync(path.join(run.dataDir, 'pglite.lock'))).toBe(false);
  }, 90_000);

  it('kills a server that is still there after the grace period, then releases the lock', async () => {
    const run = await startSupervisor('stubborn', 800);
    run.proc.kill('SIGTERM');
    const { code } = await run.exited;
    expect(code).toBe(137); // 128 + SIGKILL: not a clean stop
    expect(run.output()).toContain("Le serveur ne s'est pas arrêté en 0.8 s : arrêt forcé.");
    expect(alive(fakeServerPid(run))).toBe(false);
    expect(existsSync(path.join(run.dataDir, 'pglite.lock'))).toBe(false);
  }, 90_000);

  it('a second Ctrl+C stops a server that is still draining at once', async () => {
    const run = await startSupervisor('stubborn', 60_000);
    const sent = Date.now();
    run.proc.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 300));
    run.proc.kill('SIGINT');
    const { code, at } = await run.exited;
    expect(code).toBe(137);
    expect(at - sent).toBeLessThan(10_000);
    expect(run.output()).toContain('Second signal SIGINT : arrêt immédiat du serveur.');
    expect(existsSync(path.join(run.dataDir, 'pglite.lock'))).toBe(false);
  }, 90_000);
});
