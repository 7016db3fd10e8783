/** npm run db:migrate — applies the committed migrations to the configured database, then exits. */
import { getDbHandle } from '@/db';
import { migrateDb } from '@/db/migrate';
import { acquirePgliteLock } from '@/lib/cli/pglite-lock';
import { dataDir, env } from '@/lib/env';
import { runCli } from '@/lib/cli/run';

async function main() {
  const config = env();
  // PGlite: one process per directory (see pglite-lock.ts).
  if (!env().DATABASE_URL) acquirePgliteLock(dataDir(), 'npm run db:migrate');
  const handle = getDbHandle();
  try {
    await migrateDb(handle);
    console.log(
      `Migrations appliquées (${handle.driver === 'postgres' ? 'PostgreSQL' : `PGlite, ${config.DATA_DIR}`}).`,
    );
  } finally {
    await handle.close();
  }
}

runCli(main);
