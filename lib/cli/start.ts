/**
 * npm start — the README's first command: check the configuration, build when the sources are
 * newer than the last build, migrate, seed the demo on an empty database, then serve.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { count, inArray } from 'drizzle-orm';
import { getDbHandle, closeDb } from '@/db';
import { migrateDb } from '@/db/migrate';
import { users } from '@/db/schema';
import { DEMO_USERS, isDatabaseEmpty, seedDemo } from '@/db/seed/demo';
import { reapplyTombstones } from '@/lib/backup/tombstones';
import { tombstoneLedgerPath } from '@/lib/customers/tombstones';
import { dataDir, type Env } from '@/lib/env';
import { SW_OUTPUT } from '@/lib/offline/cache-policy';
import { deleteStoredFiles } from '@/lib/storage';
import { SHUTDOWN_GRACE_MS } from '@/lib/shutdown';
import { acquirePgliteLock } from './pglite-lock';
import { checkStartEnv, firstAdminHint, portIsFree, portTakenMessage, startModeLine } from './start-checks';
import { superviseChild } from './supervise';
import { CliError } from './args';
import { runCli } from './run';

const ROOT = process.cwd();
const NEXT = path.join(ROOT, 'node_modules', '.bin', 'next');
const SERVE = path.join(ROOT, 'lib', 'cli', 'serve.ts');
const SOURCES = ['app', 'components', 'lib', 'db', 'public'];
const SOURCE_FILES = [
  'next.config.ts',
  'package.json',
  'postcss.config.mjs',
  'tsconfig.json',
  'proxy.ts',
  'middleware.ts',
];

// Written by the build itself (the service worker): not a source.
const GENERATED = new Set([path.join(ROOT, SW_OUTPUT)]);

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child === 'node_modules' || child.startsWith('.') || GENERATED.has(path.join(entry, child))) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** Why a build is needed, or null when `.next` is up to date. */
function buildReason(root = ROOT): string | null {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return 'aucune build trouvée';
  if (!existsSync(path.join(root, SW_OUTPUT))) return 'service worker absent';
  const built = statSync(buildId).mtimeMs;
  const newest = Math.max(
    ...SOURCES.map((d) => newestMtime(path.join(root, d))),
    ...SOURCE_FILES.map((f) => newestMtime(path.join(root, f))),
  );
  return newest > built ? 'sources modifiées depuis la dernière build' : null;
}

function run(cmd: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function prepareDatabase(config: Env): Promise<{ driver: string; demoUsers: boolean }> {
  const handle = getDbHandle();
  try {
    await migrateDb(handle);
    // After a restore of an older archive: erasures recorded since are applied again (README "Backups").
    const reapplied = await reapplyTombstones(handle.db, [tombstoneLedgerPath()], { onlyIfNew: true });
    if (reapplied.erased) {
      await deleteStoredFiles(reapplied.storageKeys);
      console.log(`Effacements RGPD ré-appliqués après restauration : ${reapplied.erased} client(s)`);
    }
    if (config.DEMO && (await isDatabaseEmpty(handle.db))) {
      const r = await seedDemo(handle.db, { password: config.DEMO_PASSWORD });
      console.log(`Données de démonstration créées : ${r.customers} clients`);
    }
    const [{ n: userCount }] = await handle.db.select({ n: count() }).from(users);
    const hint = firstAdminHint(config, Number(userCount));
    if (hint) console.log(hint);
    const found = await handle.db
      .select({ email: users.email })
      .from(users)
      .where(
        inArray(
          users.email,
          DEMO_USERS.map((u) => u.email),
        ),
      );
    return { driver: handle.driver, demoUsers: found.length === DEMO_USERS.length };
  } finally {
    // PGlite allows one process per directory: the server opens it after us.
    await closeDb();
  }
}

async function waitHealthy(port: number, child: { exitCode: number | null }, timeoutMs = 120_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

function banner(config: Env, driver: string, demoUsers: boolean) {
  const url = `http://localhost:${config.PORT}`;
  const lines = [
    '',
    `Customer 360 est prêt : ${url}`,
    `  Base de données : ${driver === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'PGlite embarqué'}`,
    `  Répertoire de données : ${dataDir()}`,
  ];
  if (config.DEMO && demoUsers) {
    lines.push(`  Comptes de démonstration (mot de passe : ${config.DEMO_PASSWORD}) :`);
    for (const u of DEMO_USERS) lines.push(`    ${u.email.padEnd(24)} ${u.role}`);
  }
  lines.push('  Ctrl+C pour arrêter.', '');
  console.log(lines.join('\n'));
}

async function main() {
  // Every rule of lib/env.ts, before anything is built or served: one line naming the variable, exit 1.
  const config = checkStartEnv();
  console.log(startModeLine(config));
  if (!(await portIsFree(config.PORT))) throw new CliError(portTakenMessage(config.PORT));
  const reason = buildReason();
  if (reason) {
    console.log(`Construction de l'application (${reason})…`);
    const code = await run(NEXT, ['build']);
    if (code !== 0) process.exit(code);
    // Loaded only to build: it pulls in Next's configuration loader.
    await (await import('./build-sw')).buildServiceWorker();
  }
  // Held for the server's whole life, so token/seed CLIs do not open the same PGlite directory.
  if (!config.DATABASE_URL) acquirePgliteLock(dataDir(), 'npm start');
  const { driver, demoUsers } = await prepareDatabase(config);

  // Next behind lib/cli/serve.ts, not `next start`: the app must see the real socket address (README "Security").
  // One process (node --import tsx, not the tsx wrapper, which kills a child that is slow to acknowledge a
  // forwarded signal): the server receives SIGTERM itself, drains (bounded) and closes the database.
  // The IPC channel is the server's lifeline: if this supervisor dies without forwarding a signal (SIGKILL),
  // the channel closes and the server drains and exits instead of living on, orphaned, on the database.
  const child = spawn(process.execPath, ['--import', 'tsx', SERVE, String(config.PORT)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  // The PGlite lock is released by process.exit, once the server is gone.
  void superviseChild(child, { graceMs: SHUTDOWN_GRACE_MS + 5_000 }).then((code) => process.exit(code));
  if (await waitHealthy(config.PORT, child)) banner(config, driver, demoUsers);
  else if (child.exitCode === null)
    console.error(
      `Le serveur ne répond pas sur http://127.0.0.1:${config.PORT}/api/health ; voir les messages ci-dessus.`,
    );
}

runCli(main);
