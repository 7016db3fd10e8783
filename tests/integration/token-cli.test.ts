import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '@/db';
import { authenticateToken } from '@/lib/auth/tokens';

const exec = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** Runs the CLI the way a user does, on an embedded PGlite directory of its own. */
async function token(args: string[], dataDir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  try {
    const { stdout, stderr } = await exec(TSX, ['lib/cli/token.ts', ...args], { cwd: ROOT, env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run token (PGlite, DATABASE_URL unset)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'c360-token-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints a token alone on the last line, which authenticates with its role', async () => {
    const r = await token(['--name', 'ci', '--role', 'viewer'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const last = lines[lines.length - 1];
    expect(last).toMatch(/^c360_[A-Za-z0-9_-]{43}$/);
    // Only after the CLI exited: one process per PGlite directory.
    const handle = openPglite(path.join(dir, 'pglite'));
    try {
      const actor = await authenticateToken(handle.db, last);
      expect(actor).toMatchObject({ kind: 'token', role: 'viewer', name: 'API · ci' });
      expect(await authenticateToken(handle.db, `${last}x`)).toBeNull();
    } finally {
      await handle.close();
    }
    // A fresh PGlite is created and migrated by a cold tsx process: slow on a busy CI machine.
  }, 240_000);

  it('refuses a bad role with one line on stderr and exit code 1, creating nothing', async () => {
    const r = await token(['--name', 'ci', '--role', 'boss'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--role doit valoir admin, manager, technician, viewer/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  }, 120_000);

  it('refuses a missing name and a bad expiry the same way', async () => {
    for (const args of [
      ['--role', 'admin'],
      ['--name', 'x', '--role', 'admin', '--expires-days', '-3'],
    ]) {
      const r = await token(args, dir);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  }, 120_000);

  it('refuses to open a PGlite directory held by a running app', async () => {
    // A live process (this test runner) holds the lock as `npm start` would.
    await writeFile(path.join(dir, 'pglite.lock'), JSON.stringify({ pid: process.pid, purpose: 'npm start' }));
    try {
      const r = await token(['--name', 'late', '--role', 'viewer'], dir);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/un seul processus à la fois/);
    } finally {
      await rm(path.join(dir, 'pglite.lock'), { force: true });
    }
  }, 120_000);
});
