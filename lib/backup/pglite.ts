import { mkdirSync, readdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { schema, type Db, type DbHandle } from '@/db';
import { BackupError } from './database';

interface PgliteClient {
  dumpDataDir(compression?: 'none' | 'gzip' | 'auto'): Promise<Blob>;
}

function clientOf(handle: DbHandle): PgliteClient {
  const client = (handle.db as unknown as { $client?: PgliteClient }).$client;
  if (!client?.dumpDataDir) throw new BackupError('Base PGlite inaccessible pour la sauvegarde.');
  return client;
}

/** PGlite's own dump of its data directory: a gzipped tar that `loadDataDir` reads back. */
export async function dumpPglite(handle: DbHandle): Promise<Blob> {
  return clientOf(handle).dumpDataDir('gzip');
}

/** A PGlite directory that does not exist yet, or exists and is empty. */
export function isEmptyDir(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/** Creates the PGlite directory `dir` from a dump and returns it opened. */
export async function loadPglite(dir: string, dump: Blob): Promise<DbHandle> {
  mkdirSync(dir, { recursive: true });
  const client = new PGlite({ dataDir: dir, loadDataDir: dump, extensions: { pg_trgm } });
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, driver: 'pglite', close: () => client.close() };
}
