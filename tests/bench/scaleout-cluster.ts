/**
 * The cluster of `npm run bench -- scaleout`: a dedicated PostgreSQL database (dropped, created, migrated
 * and seeded with the demo seed at every run), two production instances — npm start's server
 * (lib/cli/serve.ts) on a private copy of the build — sharing that database, Redis, AUTH_SECRET and one
 * DATA_DIR, and HAProxy from Debian in front of them (round robin, no stickiness, retries), started and
 * stopped here with its configuration in a temporary directory.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import postgres from 'postgres';
import { openPostgres } from '@/db';
import { migrateDb } from '@/db/migrate';
import { seedDemo } from '@/db/seed/demo';
import { createApiToken } from '@/lib/auth/tokens';
import {
  info,
  LARGE_DB,
  lockPort,
  type Server,
  spawnGroup,
  startNextServer,
  stopGroup,
  waitForHttp,
  withDatabase,
} from './common';
import { ensureBenchUser } from './fixtures';

export const SCALE_DB =
  process.env.BENCH_SCALEOUT_DATABASE_URL ?? withDatabase(LARGE_DB, process.env.BENCH_SCALEOUT_DB ?? 'c360_scaleout');
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LB_PORT = Number(process.env.BENCH_SCALEOUT_PORT ?? 3230);
/** Demo customers seeded (the demo seed's own default is 240). */
const CUSTOMERS = Number(process.env.BENCH_SCALEOUT_CUSTOMERS ?? 240);
/** Never the documented demo password: the database is reachable by anyone on the machine meanwhile. */
const DEMO_PASSWORD = 'scaleout-demo-360';

export type InstanceName = 'a' | 'b';

export interface Instance {
  name: InstanceName;
  port: number;
  url: string;
  /** PostgreSQL application_name of its pool: tells the two instances apart in pg_stat_activity. */
  appName: string;
  server: Server;
}

export interface Cluster {
  db: string;
  /** The load balancer's address: what clients use. */
  lb: string;
  instances: Record<InstanceName, Instance>;
  haproxyConfig: string;
  haproxyLog: string;
  haproxyVersion: string;
  /** `kill -9` of the instance's process group (no drain, no pool shutdown). */
  kill: (name: InstanceName) => void;
  restart: (name: InstanceName) => Promise<void>;
  close: () => Promise<void>;
}

/** Drops (and recreates) the scale-out database; BENCH_SCALEOUT_KEEP=1 keeps it after the run. */
async function resetDatabase(create: boolean): Promise<void> {
  const name = new URL(SCALE_DB).pathname.slice(1);
  if (!/^c360_[a-z0-9_]+$/.test(name)) throw new Error(`base de scale-out inattendue : ${name} (c360_… attendu)`);
  const admin = postgres(withDatabase(SCALE_DB, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    if (create) await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

/** A fresh database, migrated with the app's migrations and seeded with the demo data. */
async function prepareDatabase(): Promise<{ customers: number }> {
  await resetDatabase(true);
  const handle = openPostgres(SCALE_DB, 2);
  try {
    await migrateDb(handle);
    const seeded = await seedDemo(handle.db, { password: DEMO_PASSWORD, customers: CUSTOMERS });
    const sql = postgres(SCALE_DB, { max: 1, onnotice: () => {} });
    await ensureBenchUser(sql).finally(() => sql.end());
    return { customers: seeded.customers };
  } finally {
    await handle.close();
  }
}

/** Admin API tokens created directly in the database (what `npm run token` does). */
export async function createTokens(n: number, label: string): Promise<{ id: string; token: string }[]> {
  const handle = openPostgres(SCALE_DB, 1);
  try {
    const out = [];
    for (let i = 0; i < n; i++)
      out.push(await createApiToken(handle.db, { name: `scaleout-${label}-${Date.now()}-${i}`, role: 'admin' }));
    return out;
  } finally {
    await handle.close();
  }
}

function haproxyBinary(): string {
  for (const candidate of ['/usr/sbin/haproxy', '/usr/bin/haproxy', '/usr/local/sbin/haproxy'])
    if (existsSync(candidate)) return candidate;
  throw new Error('haproxy introuvable : apt-get install -y haproxy');
}

/**
 * Round robin, no stickiness. A server is taken out at the first connection error of real traffic
 * (`observe layer4`: a killed process refuses or resets connections) or after 3 failed health checks
 * (/api/health, every second, 5 s each: a busy instance answers slowly, it is not down); back after 2
 * good ones. Retries, each on the other server (`redispatch 1`): a connection failure always (nothing
 * was sent); a lost or 502/503/504 answer only for a GET/HEAD or a write that carries an Idempotency-Key
 * (the app runs it at most once per key, lib/http/idempotency.ts) — any other write is never sent twice.
 * The log line keeps the server, the status and the retry count (`+` = redispatched).
 */
function haproxyConfig(a: Instance, b: Instance): string {
  return `global
  maxconn 2000
  log stdout format raw local0

defaults
  mode http
  log global
  log-format "%t %b/%s %ST %rc %Tt %HM %HU"
  timeout connect 1s
  timeout client 60s
  timeout server 60s
  timeout queue 10s
  timeout http-request 10s
  timeout check 5s
  retries 2
  option redispatch 1
  retry-on conn-failure empty-response junk-response response-timeout 502 503 504

frontend scaleout
  bind 127.0.0.1:${LB_PORT}
  option forwardfor
  default_backend app

backend app
  balance roundrobin
  option httpchk GET /api/health
  http-check expect status 200
  default-server inter 1s fastinter 500ms fall 3 rise 2 observe layer4 error-limit 1 on-error mark-down
  acl keyed req.hdr(idempotency-key) -m found
  http-request disable-l7-retry if !METH_GET !keyed
  http-response set-header X-Served-By %s
  server a 127.0.0.1:${a.port} check
  server b 127.0.0.1:${b.port} check
`;
}

async function startHaproxy(config: string, log: string): Promise<ChildProcess> {
  await lockPort(LB_PORT);
  const child = spawnGroup(haproxyBinary(), ['-f', config, '-db'], {}, log);
  await waitForHttp(`http://127.0.0.1:${LB_PORT}/api/health`, 30_000, child);
  return child;
}

export async function startCluster(): Promise<Cluster> {
  const t0 = performance.now();
  const { customers } = await prepareDatabase();
  info(
    `base ${SCALE_DB.replace(/\/\/[^@]*@/, '//…@')} recréée, migrée, démo ${customers} clients (${Math.round(performance.now() - t0)} ms)`,
  );
  const dir = mkdtempSync(path.join(os.tmpdir(), 'c360-scaleout-'));
  const dataDir = path.join(dir, 'data');
  const base = Number(process.env.BENCH_SCALEOUT_APP_PORT ?? 3231);
  const instances = {} as Record<InstanceName, Instance>;
  const start = async (name: InstanceName, port: number): Promise<Server> => {
    const appName = `c360-scaleout-${name}`;
    const url = new URL(SCALE_DB);
    url.searchParams.set('application_name', appName);
    return startNextServer(
      port,
      {
        DATABASE_URL: url.toString(),
        REDIS_URL,
        DEMO: '0',
        // One shared directory, as a shared volume would be (documents belong in UploadThing when scaled out).
        DATA_DIR: dataDir,
        TRUSTED_PROXIES: '127.0.0.1',
      },
      `scaleout-${name}`,
      { serve: true },
    );
  };
  // One after the other: two Next start-ups at once on a loaded 2-core machine take longer than in turn.
  for (const [i, name] of (['a', 'b'] as const).entries()) {
    const port = base + i;
    const server = await start(name, port);
    instances[name] = { name, port, url: server.url, appName: `c360-scaleout-${name}`, server };
  }
  const config = path.join(dir, 'haproxy.cfg');
  const haproxyLog = path.join(dir, 'haproxy.log');
  writeFileSync(config, haproxyConfig(instances.a, instances.b));
  let haproxy: ChildProcess;
  try {
    haproxy = await startHaproxy(config, haproxyLog);
  } catch (error) {
    await Promise.all(Object.values(instances).map((i) => i.server.stop()));
    throw error;
  }
  const { execFileSync } = await import('node:child_process');
  const haproxyVersion = execFileSync(haproxyBinary(), ['-v'], { encoding: 'utf8' }).split('\n')[0];
  info(`${haproxyVersion} sur http://127.0.0.1:${LB_PORT} (pid ${haproxy.pid}, config ${config})`);
  return {
    db: SCALE_DB,
    lb: `http://127.0.0.1:${LB_PORT}`,
    instances,
    haproxyConfig: config,
    haproxyLog,
    haproxyVersion,
    kill: (name) => {
      const pid = instances[name].server.pid;
      if (pid) process.kill(-pid, 'SIGKILL');
    },
    restart: async (name) => {
      const i = instances[name];
      await i.server.stop();
      i.server = await start(name, i.port);
    },
    close: async () => {
      await stopGroup(haproxy);
      await Promise.all(Object.values(instances).map((i) => i.server.stop()));
      rmSync(dir, { recursive: true, force: true });
      if (process.env.BENCH_SCALEOUT_KEEP !== '1') await resetDatabase(false);
    },
  };
}
