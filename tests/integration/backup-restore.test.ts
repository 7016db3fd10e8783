import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { getDb, getDbHandle, openPglite, openPostgres, type DbHandle } from '@/db';
import { customerDocuments, customers } from '@/db/schema';
import { createBackup, type BackupResult } from '@/lib/backup/create';
import { migrationJournal, tableCounts } from '@/lib/backup/database';
import { isEmptyDir } from '@/lib/backup/pglite';
import { restoreBackup, type RestoreTarget } from '@/lib/backup/restore';
import { ledgerBeside } from '@/lib/backup/tombstones';
import { eraseCustomerWithFiles } from '@/lib/customers/mutations';
import { tombstoneLedgerPath } from '@/lib/customers/tombstones';
import { listTar } from '@/lib/backup/tar';
import { deleteDocument, uploadDocument } from '@/lib/documents/mutations';
import { authSecret, dataDir } from '@/lib/env';
import { getStorage, type Storage } from '@/lib/storage';
import { checkStorage } from '@/lib/storage/check';
import { LocalStorage } from '@/lib/storage/local';
import { actorFor, createContact, createCustomer, createUser, createVehicle } from '../factories';
import { insertActivity } from '../factories/consents';
import { samples } from '../factories/documents';
import { insertInvoice, insertPayment } from '../factories/finances';
import { testDriver, testServerUrl, withDatabase } from '../setup/db';

const exec = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const SLOW = 300_000; // a PGlite directory is created from the dump: slow on a busy 2-core machine

let work: string;
let backup: BackupResult;
let sourceCounts: Record<string, number>;
const sourceFiles = new Map<string, string>(); // storage key → sha256
const scratchDatabases: string[] = [];

async function filesOf(storage: Storage): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const key of storage.list()) {
    const chunks: Buffer[] = [];
    for await (const c of await storage.get(key)) chunks.push(c as Buffer);
    out.set(key, sha(Buffer.concat(chunks)));
  }
  return out;
}

/** A fresh, empty target of the driver under test: a data directory, and on PostgreSQL an empty database. */
async function freshTarget(): Promise<{ target: RestoreTarget; storage: LocalStorage; dir: string }> {
  const dir = await mkdtemp(path.join(work, 'target-'));
  const storage = new LocalStorage(path.join(dir, 'uploads'));
  if (testDriver() === 'pglite') return { target: { driver: 'pglite', dir: path.join(dir, 'pglite') }, storage, dir };
  const name = `c360_restore_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(testServerUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  await admin.end();
  scratchDatabases.push(name);
  return { target: { driver: 'postgres', url: withDatabase(testServerUrl(), name) }, storage, dir };
}

/** A copy of the archive with one bit flipped in the middle of a document. */
async function corruptedCopy(name: string) {
  const corrupted = path.join(work, name);
  copyFileSync(backup.file, corrupted);
  const doc = (await listTar(corrupted)).find((e) => e.name.startsWith('documents/'))!;
  const bytes = readFileSync(corrupted);
  bytes[doc.offset + Math.floor(doc.size / 2)] ^= 0x01;
  writeFileSync(corrupted, bytes);
  return { corrupted, doc };
}

/** Runs a CLI as `npm run` does (without the tsx wrapper process), on the embedded PGlite default. */
async function cli(script: string, args: string[], dataDirectory: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDirectory };
  delete env.DATABASE_URL;
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env,
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function openTarget(target: RestoreTarget): DbHandle {
  return target.driver === 'pglite' ? openPglite(target.dir) : openPostgres(target.url, 2);
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'c360-backup-'));
  // A small dataset through the factories, and documents through the real upload path.
  const admin = actorFor(await createUser('admin'));
  for (let i = 0; i < 3; i++) {
    const c = await createCustomer();
    await createContact(c.id);
    await createVehicle(c.id);
    await insertActivity(c.id);
    const invoice = await insertInvoice(c.id);
    await insertPayment(c.id, invoice.id);
    const pdf = await uploadDocument(getDb(), admin, c.id, {
      body: samples.pdf(),
      originalName: `contrat-${i}.pdf`,
      category: 'contract',
    });
    await uploadDocument(getDb(), admin, c.id, { body: samples.png(), originalName: 'photo.png', category: 'photo' });
    if (i === 0) await deleteDocument(getDb(), admin, c.id, pdf.id); // a tombstone: row kept, file gone
  }
  authSecret(); // the generated secret in DATA_DIR, as `npm start` leaves it
  for (const [k, v] of await filesOf(await getStorage())) sourceFiles.set(k, v);
  sourceCounts = await tableCounts(getDb());
  backup = await createBackup({
    handle: getDbHandle(),
    storage: await getStorage(),
    dataDir: dataDir(),
    out: path.join(work, 'backups', 'archive.tar'),
  });
}, SLOW);

afterAll(async () => {
  if (scratchDatabases.length) {
    const admin = postgres(testServerUrl(), { max: 1, onnotice: () => {} });
    for (const name of scratchDatabases) await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
  await rm(work, { recursive: true, force: true });
});

describe(`backup and restore (${testDriver()})`, () => {
  it('writes one archive whose manifest has the counts, the migration level and a checksum per file', async () => {
    const m = backup.manifest;
    expect(m).toMatchObject({ format: 'customer-360-backup', formatVersion: 1, driver: testDriver() });
    expect(m.database.rowCounts).toEqual(sourceCounts);
    expect(m.database.rowCounts['public.customers']).toBe(3);
    expect(m.database.rowCounts['public.customer_documents']).toBe(6);
    expect(m.database.migrations).toEqual({
      applied: migrationJournal().length,
      last: migrationJournal().at(-1)!.tag,
    });
    expect(m.documents).toMatchObject({ storage: 'local', copied: true, count: 5, missing: [] });
    const docs = m.files.filter((f) => f.path.startsWith('documents/'));
    expect(new Map(docs.map((f) => [f.path.slice('documents/'.length), f.sha256]))).toEqual(sourceFiles);
    const names = (await listTar(backup.file)).map((e) => e.name);
    expect(names.at(-1)).toBe('manifest.json');
    expect(names).toEqual([...m.files.map((f) => f.path), 'manifest.json']);
    expect(names).toContain('data/auth-secret');
  });

  it(
    'restores into an empty target: equal row counts, equal file hashes, no orphan',
    async () => {
      const { target, storage, dir } = await freshTarget();
      const report = await restoreBackup({ archive: backup.file, target, storage, dataDir: dir });
      expect(report).toMatchObject({ documents: 5, authSecret: 'restored', pendingMigrations: 0 });
      expect(await filesOf(storage)).toEqual(sourceFiles);
      expect(readFileSync(path.join(dir, 'auth-secret'), 'utf8')).toBe(authSecret());
      const restored = openTarget(target);
      try {
        expect(await tableCounts(restored.db)).toEqual(sourceCounts);
        const check = await checkStorage(restored.db, storage);
        expect(check).toMatchObject({ files: 5, rows: 5, orphanFiles: [], orphanRows: [], temporaryFiles: [] });
      } finally {
        await restored.close();
      }
      // A second restore into the now non-empty target is refused before anything is written.
      await expect(restoreBackup({ archive: backup.file, target, storage, dataDir: dir })).rejects.toThrow(
        /^Restauration refusée : .*n'est pas vide/,
      );
    },
    SLOW,
  );

  it('refuses a target whose document storage is not empty', async () => {
    const { target, storage, dir } = await freshTarget();
    await storage.put('3f2504e0-4f89-41d3-9a0c-0305e82c3301', Buffer.from('déjà là'));
    await expect(restoreBackup({ archive: backup.file, target, storage, dataDir: dir })).rejects.toThrow(
      /^Restauration refusée : le stockage des documents \(local\) contient déjà des fichiers/,
    );
    if (target.driver === 'pglite') expect(isEmptyDir(target.dir)).toBe(true);
  });

  it('fails verification on a flipped byte in a document, before touching the target', async () => {
    const { corrupted, doc } = await corruptedCopy('corrupted.tar');
    const { target, storage, dir } = await freshTarget();
    await expect(restoreBackup({ archive: corrupted, target, storage, dataDir: dir })).rejects.toThrow(
      new RegExp(`^Archive corrompue : ${doc.name} ne correspond pas au manifeste \\(SHA-256 attendu [0-9a-f]{12}…`),
    );
    expect(await filesOf(storage)).toEqual(new Map());
    if (target.driver === 'pglite') expect(isEmptyDir(target.dir)).toBe(true);
    else {
      const db = openTarget(target);
      expect(await tableCounts(db.db)).toEqual({});
      await db.close();
    }
  });

  it('refuses an archive from the other driver with a line saying what to configure', async () => {
    const other = path.join(work, 'other-driver');
    const storage = new LocalStorage(path.join(other, 'uploads'));
    // Refused from the manifest alone: the unreachable PostgreSQL URL is never contacted.
    const target: RestoreTarget =
      testDriver() === 'pglite'
        ? { driver: 'postgres', url: 'postgres://nobody@127.0.0.1:1/none' }
        : { driver: 'pglite', dir: path.join(other, 'pglite') };
    const expected =
      testDriver() === 'pglite'
        ? /^Cette archive vient de PGlite embarqué, la configuration actuelle utilise PostgreSQL : retirez DATABASE_URL/
        : /^Cette archive vient de PostgreSQL, la configuration actuelle utilise PGlite embarqué : définissez DATABASE_URL/;
    await expect(restoreBackup({ archive: backup.file, target, storage, dataDir: other })).rejects.toThrow(expected);
    expect(isEmptyDir(other)).toBe(true);
  });

  it(
    'a restore does not resurrect a person erased after the archive: the ledger beside the backups re-applies the erasure',
    async () => {
      const [first] = await getDb().select().from(customers).orderBy(asc(customers.createdAt)).limit(1);
      const admin = actorFor(await createUser('admin'));
      // Erased after the archive was written: the archive still holds the person in full.
      await eraseCustomerWithFiles(getDb(), admin, first.id);
      // The ledger is appended in DATA_DIR/backups, where `npm run backup` writes its archives by default.
      mkdirSync(path.dirname(ledgerBeside(backup.file)), { recursive: true });
      copyFileSync(tombstoneLedgerPath(), ledgerBeside(backup.file));
      const ledger = readFileSync(ledgerBeside(backup.file), 'utf8');
      expect(ledger).not.toContain(first.email!);

      const { target, storage, dir } = await freshTarget();
      const report = await restoreBackup({ archive: backup.file, target, storage, dataDir: dir });
      const restored = openTarget(target);
      try {
        const rows = await restored.db.select().from(customers);
        expect(rows).toHaveLength(3);
        const again = rows.find((r) => r.id === first.id)!;
        expect(again).toMatchObject({ lastName: 'Client effacé', email: null, firstName: null });
        expect(again.erasedAt).not.toBeNull();
        expect(rows.filter((r) => r.erasedAt === null)).toHaveLength(2);
        expect(report.tombstones).toEqual({ added: 1, erased: 1 });
        const docs = await restored.db
          .select()
          .from(customerDocuments)
          .where(eq(customerDocuments.customerId, first.id));
        expect(docs).toEqual([]);
        const check = await checkStorage(restored.db, storage);
        expect(check).toMatchObject({ orphanFiles: [], orphanRows: [] });
      } finally {
        await restored.close();
      }
    },
    SLOW,
  );
});

describe('npm run backup / npm run restore: refusals are one line on stderr and exit code 1', () => {
  it(
    'backup refuses while the application holds the PGlite directory, writing nothing',
    async () => {
      const dir = await mkdtemp(path.join(work, 'cli-locked-'));
      writeFileSync(path.join(dir, 'pglite.lock'), JSON.stringify({ pid: process.pid, purpose: 'npm start' }));
      const r = await cli('lib/cli/backup.ts', [], dir);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/est ouverte par un autre processus \(pid \d+, npm start\).*Arrêtez l'application/);
      expect(existsSync(path.join(dir, 'backups'))).toBe(false);
    },
    SLOW,
  );

  it(
    'restore --check verifies an archive; a corrupted one is refused with the entry named',
    async () => {
      const dir = await mkdtemp(path.join(work, 'cli-check-'));
      const ok = await cli('lib/cli/restore.ts', [backup.file, '--check'], dir);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain(
        `Archive intègre : ${backup.file} (${backup.manifest.files.length} entrées vérifiées)`,
      );
      const { corrupted, doc } = await corruptedCopy('cli-corrupted.tar');
      const bad = await cli('lib/cli/restore.ts', [corrupted, '--check'], dir);
      expect(bad.code).toBe(1);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
      expect(bad.stderr).toContain(`Archive corrompue : ${doc.name} ne correspond pas au manifeste`);
      const usage = await cli('lib/cli/restore.ts', [], dir);
      expect(usage.code).toBe(1);
      expect(usage.stderr.trim()).toBe('Indiquez une archive. Usage : npm run restore -- <archive.tar> [--check]');
    },
    SLOW,
  );

  it(
    'restore refuses a data directory that already holds a database',
    async () => {
      const dir = await mkdtemp(path.join(work, 'cli-full-'));
      mkdirSync(path.join(dir, 'pglite'));
      writeFileSync(path.join(dir, 'pglite', 'PG_VERSION'), '17');
      const r = await cli('lib/cli/restore.ts', [backup.file], dir);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      // The PostgreSQL run's archive is refused earlier, for its driver.
      expect(r.stderr).toMatch(
        testDriver() === 'pglite'
          ? /^Restauration refusée : .*pglite n'est pas vide \(une base PGlite existe déjà\)/
          : /^Cette archive vient de PostgreSQL, la configuration actuelle utilise PGlite embarqué/,
      );
    },
    SLOW,
  );
});
