import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import { type Db, type DbHandle, openPostgres, schema } from '@/db';

/**
 * Test databases. TEST_DRIVER=pglite (default): an in-memory PGlite loaded from a migrated
 * snapshot. TEST_DRIVER=postgres: a fresh database on TEST_DATABASE_URL's server, cloned from a
 * migrated template. Either way each test file starts from an empty, fully migrated schema.
 */
export type TestDriver = 'pglite' | 'postgres';

/** One template per run, so two runs on the same server (developers in parallel, CI) never drop each other's. */
export function newTemplateName(): string {
  return `c360_tpl_${process.pid}_${randomBytes(3).toString('hex')}`;
}

let templateDb = '';
export function setTemplateDb(name: string): void {
  templateDb = name;
}

// Tests read their own knobs here (lib/env.ts serves the app).
export function testDriver(): TestDriver {
  return process.env.TEST_DRIVER === 'postgres' ? 'postgres' : 'pglite';
}

export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

let snapshotPath = '';
export function setPgliteSnapshotPath(file: string): void {
  snapshotPath = file;
}

export async function openTestDb(): Promise<DbHandle> {
  if (testDriver() === 'postgres') {
    const name = `c360_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const admin = postgres(testServerUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${templateDb}"`);
    // Throw-away databases: a commit need not wait for the WAL flush (crash safety is not under test here;
    // tests/integration/graceful-shutdown and the kill -9 bench test durability). Same visibility and locks.
    await admin.unsafe(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
    await admin.end();
    const handle = openPostgres(withDatabase(testServerUrl(), name), 5);
    return {
      ...handle,
      close: async () => {
        await handle.close();
        const cleanup = postgres(testServerUrl(), { max: 1, onnotice: () => {} });
        await cleanup.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }
  const snapshot = await readFile(snapshotPath);
  const client = new PGlite({ loadDataDir: new Blob([snapshot]), extensions: { pg_trgm } });
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, driver: 'pglite', close: () => client.close() };
}
