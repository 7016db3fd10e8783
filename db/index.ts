import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { dataDir, env } from '@/lib/env';
import * as schema from './schema';

export type Schema = typeof schema;
/** The common surface of both drivers: code never needs to know which one runs. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;
export type Driver = 'pglite' | 'postgres';

export interface DbHandle {
  db: Db;
  driver: Driver;
  /** PostgreSQL URL (postgres driver only): migrations take their own single connection. */
  url?: string;
  close: () => Promise<void>;
}

export function openPglite(dir?: string): DbHandle {
  // undefined dir = in memory (tests); otherwise one process per directory.
  if (dir) mkdirSync(dir, { recursive: true });
  const client = new PGlite({ dataDir: dir, extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, driver: 'pglite', close: () => client.close() };
}

export function openPostgres(url: string, max = 10): DbHandle {
  const client = postgres(url, { max, onnotice: () => {}, connection: { application_name: 'customer-360' } });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return { db, driver: 'postgres', url, close: () => client.end({ timeout: 5 }) };
}

const store = globalThis as unknown as { __c360Db?: DbHandle };

/**
 * Opened lazily on first use (never at import: `next build` imports route modules) and cached on
 * globalThis so hot reloads and route bundles share one connection pool / one PGlite instance.
 */
export function getDbHandle(): DbHandle {
  if (!store.__c360Db) {
    const url = env().DATABASE_URL;
    store.__c360Db = url ? openPostgres(url) : openPglite(path.join(dataDir(), 'pglite'));
  }
  return store.__c360Db;
}

export function getDb(): Db {
  return getDbHandle().db;
}

/** Tests and CLIs install their own handle (in-memory PGlite, a scratch PostgreSQL database). */
export function setDbHandle(handle: DbHandle | undefined): void {
  store.__c360Db = handle;
}

export async function closeDb(): Promise<void> {
  const handle = store.__c360Db;
  store.__c360Db = undefined;
  await handle?.close();
}

export { schema };
