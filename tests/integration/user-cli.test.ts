import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, getDbHandle, openPglite } from '@/db';
import { users } from '@/db/schema';
import { inspectLink } from '@/lib/auth/links';
import { verifyPassword } from '@/lib/auth/passwords';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/**
 * `npm run user` as an operator runs it: on the embedded PGlite directory (DATABASE_URL unset), or, with
 * TEST_DRIVER=postgres, on this file's PostgreSQL database through DATABASE_URL.
 */
let dir: string;
const driver = () => getDbHandle().driver;

async function user(args: string[], stdin?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, APP_URL: 'https://crm.garage.example' };
  if (driver() === 'postgres') env.DATABASE_URL = getDbHandle().url;
  else delete env.DATABASE_URL;
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      TSX,
      ['lib/cli/user.ts', ...args],
      { cwd: ROOT, env, timeout: 180_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (stdin !== undefined) child.stdin!.end(stdin);
    else child.stdin!.end();
  });
}

/** Reads what the CLI wrote (PGlite: only once it has exited, one process per directory). */
async function inDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  if (driver() === 'postgres') return fn(getDbHandle().db);
  const handle = openPglite(path.join(dir, 'pglite'));
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}
const byEmail = (email: string) => (db: Db) =>
  db
    .select()
    .from(users)
    .where(eq(users.email, email))
    .then((r) => r[0]);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'c360-user-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run user', () => {
  it('creates the first admin and prints a one-time link to choose the password', async () => {
    const r = await user(['--email', 'Claire@Garage.fr', '--name', 'Claire Admin', '--role', 'admin']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Compte créé : Claire Admin <claire@garage\.fr> \(admin\)/);
    const url = r.stdout.trim().split('\n').at(-1)!;
    expect(url).toMatch(/^https:\/\/crm\.garage\.example\/set-password#[A-Za-z0-9_-]{43}$/);
    await inDb(async (db) => {
      expect(await byEmail('claire@garage.fr')(db)).toMatchObject({ role: 'admin', passwordHash: null, active: true });
      expect(await inspectLink(db, url.split('#')[1])).toMatchObject({ purpose: 'invitation' });
    });
  }, 240_000);

  it('updates the same account (role, name) and sets a password read from stdin', async () => {
    const r = await user(
      ['--email', 'claire@garage.fr', '--name', 'Claire D.', '--role', 'manager', '--password-stdin'],
      'cheval agrafe batterie correcte\n',
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Compte mis à jour/);
    await inDb(async (db) => {
      const row = await byEmail('claire@garage.fr')(db);
      expect(row).toMatchObject({ role: 'manager', name: 'Claire D.' });
      expect(await verifyPassword(row.passwordHash!, 'cheval agrafe batterie correcte')).toBe(true);
    });
  }, 240_000);

  it('refuses a weak password and a bad role with one line and exit code 1', async () => {
    const weak = await user(
      ['--email', 'x@garage.fr', '--name', 'X', '--role', 'viewer', '--password-stdin'],
      'motdepasse123\n',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr.trim().split('\n')).toHaveLength(1);
    expect(weak.stderr).toMatch(/trop facile à deviner/);
    const role = await user(['--email', 'x@garage.fr', '--name', 'X', '--role', 'boss']);
    expect(role.code).toBe(1);
    expect(role.stderr).toMatch(/--role doit valoir admin, manager, technician, viewer/);
    await inDb(async (db) => expect(await byEmail('x@garage.fr')(db)).toBeUndefined());
  }, 240_000);

  it.runIf(process.env.TEST_DRIVER !== 'postgres')(
    'refuses to open a PGlite directory held by a running app',
    async () => {
      await writeFile(path.join(dir, 'pglite.lock'), JSON.stringify({ pid: process.pid, purpose: 'npm start' }));
      try {
        const r = await user(['--email', 'late@garage.fr', '--name', 'Late', '--role', 'viewer']);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/ouverte par un autre processus .*npm start/);
      } finally {
        await rm(path.join(dir, 'pglite.lock'), { force: true });
      }
    },
    240_000,
  );
});
