import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStartEnv, firstAdminHint, portIsFree, startModeLine } from '@/lib/cli/start-checks';
import { DEFAULT_DEMO_PASSWORD, EnvError, parseEnv } from '@/lib/env';

const PG = 'postgres://u@127.0.0.1:1/none';
const SECRET = 'x'.repeat(32);

function failure(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('demo data: only on the embedded default unless DEMO=1', () => {
  it('embedded default (no DATABASE_URL): demo on; PostgreSQL: demo off unless DEMO=1', () => {
    expect(parseEnv({}).DEMO).toBe(true);
    expect(parseEnv({ DATABASE_URL: PG }).DEMO).toBe(false);
    expect(parseEnv({ DATABASE_URL: PG, DEMO: '1' }).DEMO).toBe(true);
    expect(parseEnv({ DEMO: '0' }).DEMO).toBe(false);
    expect(DEFAULT_DEMO_PASSWORD).toBe('customer360');
  });

  it('NODE_ENV=production with DEMO=1 needs a DEMO_PASSWORD that is not the documented default', () => {
    const base = { NODE_ENV: 'production', DEMO: '1' };
    for (const raw of [base, { ...base, DEMO_PASSWORD: DEFAULT_DEMO_PASSWORD }]) {
      const error = failure(() => parseEnv(raw));
      expect(error).toBeInstanceOf(EnvError);
      expect(error.message).toContain('DEMO_PASSWORD');
      expect(error.message).not.toContain('\n');
    }
    expect(parseEnv({ ...base, DEMO_PASSWORD: 'a-long-private-one' }).DEMO).toBe(true);
    // Development keeps the documented password.
    expect(parseEnv({ DEMO: '1' }).DEMO_PASSWORD).toBe(DEFAULT_DEMO_PASSWORD);
  });
});

describe('checkStartEnv: every rule of lib/env.ts, as the production server will read it', () => {
  it('DATABASE_URL without AUTH_SECRET fails before anything is served (npm start runs in production)', () => {
    const error = failure(() => checkStartEnv({ DATABASE_URL: PG }));
    expect(error).toBeInstanceOf(EnvError);
    expect(error.message).toMatch(/^Invalid environment variable AUTH_SECRET/);
    expect(checkStartEnv({ DATABASE_URL: PG, AUTH_SECRET: SECRET }).NODE_ENV).toBe('production');
  });

  it('DEMO=1 with the documented password is refused; the embedded default demo is not', () => {
    expect(failure(() => checkStartEnv({ DEMO: '1' })).message).toContain('DEMO_PASSWORD');
    expect(checkStartEnv({}).DEMO).toBe(true);
    expect(failure(() => checkStartEnv({ PORT: 'abc' })).message).toContain('PORT');
  });

  it('the start line says which mode it is in', () => {
    expect(startModeLine(checkStartEnv({}))).toBe(
      'Mode : base embarquée (PGlite), données de démonstration activées (mot de passe de démonstration documenté)',
    );
    expect(startModeLine(checkStartEnv({ DATABASE_URL: PG, AUTH_SECRET: SECRET }))).toBe(
      'Mode : PostgreSQL (DATABASE_URL), données de démonstration désactivées',
    );
    expect(
      startModeLine(checkStartEnv({ DATABASE_URL: PG, AUTH_SECRET: SECRET, DEMO: '1', DEMO_PASSWORD: 'private-pw' })),
    ).toBe('Mode : PostgreSQL (DATABASE_URL), données de démonstration activées (DEMO_PASSWORD)');
  });

  it('without demo on an empty database, says how to create the first admin', () => {
    const noDemo = checkStartEnv({ DEMO: '0' });
    expect(firstAdminHint(noDemo, 0)).toContain('npm run user -- --email');
    expect(firstAdminHint(noDemo, 0)).toContain('--role admin');
    expect(firstAdminHint(noDemo, 1)).toBeNull();
  });
});

// The start command itself, spawned as a user runs it. cwd is an empty directory holding a fake
// up-to-date build so that no `next build` can start whatever the code does first.
describe('npm start refuses a bad environment', () => {
  const ROOT = path.resolve(__dirname, '../..');
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(path.join(os.tmpdir(), 'c360-start-'));
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(path.join(cwd, '.next'), { recursive: true });
    await writeFile(path.join(cwd, '.next', 'BUILD_ID'), 'fake');
  });
  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  async function start(vars: Record<string, string>) {
    const env: Record<string, string | undefined> = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: cwd,
      ...vars,
    };
    env.TSX_TSCONFIG_PATH = path.join(ROOT, 'tsconfig.json');
    try {
      await promisify(execFile)(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'lib/cli/start.ts')], {
        cwd,
        env: env as unknown as NodeJS.ProcessEnv,
        timeout: 60_000,
      });
      return { code: 0, stderr: '' };
    } catch (error) {
      const e = error as { code: number; stderr: string };
      return { code: e.code, stderr: e.stderr };
    }
  }

  it('DATABASE_URL and no AUTH_SECRET: exit code 1, one line naming AUTH_SECRET', { timeout: 60_000 }, async () => {
    const r = await start({ DATABASE_URL: PG });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('AUTH_SECRET');
  });

  it(
    'NODE_ENV=production, DEMO=1 and the documented password: exit code 1 naming DEMO_PASSWORD',
    {
      timeout: 60_000,
    },
    async () => {
      const r = await start({ NODE_ENV: 'production', DEMO: '1', DEMO_PASSWORD: DEFAULT_DEMO_PASSWORD });
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('DEMO_PASSWORD');
    },
  );

  it(
    'another server already on PORT: exit code 1 before building or opening anything, saying so',
    {
      timeout: 60_000,
    },
    async () => {
      const other = createServer().listen(0);
      await new Promise((r) => other.once('listening', r));
      const port = (other.address() as { port: number }).port;
      try {
        expect(await portIsFree(port)).toBe(false);
        const r = await start({ PORT: String(port) });
        expect(r.code).toBe(1);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toContain(`Le port ${port} est déjà utilisé`);
      } finally {
        await new Promise((r) => other.close(r));
      }
      expect(await portIsFree(port)).toBe(true);
    },
  );
});
