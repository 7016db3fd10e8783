import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { openPglite, openPostgres } from '@/db';
import { migrateDb } from '@/db/migrate';
import { newTemplateName, testDriver, testServerUrl, withDatabase } from './db';

/** Migrate once per run; each test file then clones the result (template database / PGlite dump). */
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    templateDb: string;
  }
}

export default async function globalSetup(project: TestProject) {
  if (testDriver() === 'postgres') {
    project.provide('pgliteSnapshot', '');
    const TEMPLATE_DB = newTemplateName();
    project.provide('templateDb', TEMPLATE_DB);
    const admin = postgres(testServerUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE "${TEMPLATE_DB}"`);
    const handle = openPostgres(withDatabase(testServerUrl(), TEMPLATE_DB), 1);
    await migrateDb(handle);
    await handle.close();
    await admin.end();
    return async () => {
      const cleanup = postgres(testServerUrl(), { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
      await cleanup.end();
    };
  }
  project.provide('templateDb', '');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'c360-pglite-'));
  const handle = openPglite();
  await migrateDb(handle);
  const client = (handle.db as unknown as { $client: { dumpDataDir: (c?: string) => Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('none');
  const file = path.join(dir, 'migrated.tar');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('pgliteSnapshot', file);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
