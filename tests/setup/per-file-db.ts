import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { setDbHandle, type DbHandle } from '@/db';
import { resetEnvCache } from '@/lib/env';
import { setRateLimiter } from '@/lib/rate-limit';
import { openTestDb, setPgliteSnapshotPath, setTemplateDb } from './db';

let handle: DbHandle | undefined;
let dataDir: string | undefined;

// Every integration test file: its own migrated database, its own data directory (uploads,
// generated secret), a fresh in-memory rate limiter.
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'c360-data-'));
  process.env.DATA_DIR = dataDir;
  // The app under test must not open its own connection: it uses the handle installed below.
  if (process.env.DATABASE_URL && !process.env.TEST_DATABASE_URL)
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  setPgliteSnapshotPath(inject('pgliteSnapshot'));
  setTemplateDb(inject('templateDb'));
  resetEnvCache();
  setRateLimiter(undefined);
  handle = await openTestDb();
  setDbHandle(handle);
});

afterAll(async () => {
  setDbHandle(undefined);
  await handle?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});
