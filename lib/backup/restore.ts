import { createWriteStream, existsSync, openAsBlob } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { openPostgres, type DbHandle } from '@/db';
import { deleteStoredFiles, type Storage } from '@/lib/storage';
import { BackupError, databaseObjects, migrationJournal, serverVersion, tableCounts } from './database';
import { AUTH_SECRET_ENTRY, DOCUMENTS_PREFIX, type BackupManifest } from './manifest';
import { isEmptyDir, loadPglite } from './pglite';
import { findPgTool, majorOf, pgRestore } from './postgres';
import { entryStream, readEntry, type TarEntry } from './tar';
import { hasTombstoneTable, ledgerBeside, reapplyTombstones } from './tombstones';
import { tombstoneLedgerPath } from '@/lib/customers/tombstones';
import { verifyArchive } from './verify';

export type RestoreTarget = { driver: 'pglite'; dir: string } | { driver: 'postgres'; url: string };

export interface RestoreOptions {
  archive: string;
  target: RestoreTarget;
  storage: Storage;
  /** Receives the auth secret when the archive has one and the directory has none. */
  dataDir: string;
}

export interface RestoreReport {
  manifest: BackupManifest;
  tables: number;
  rows: number;
  documents: number;
  documentBytes: number;
  authSecret: 'restored' | 'kept' | 'absent';
  /** Migrations this version of the application will apply at the next start. */
  pendingMigrations: number;
  /**
   * Erasures recorded after the archive was taken (tombstone ledgers beside the archive and in
   * DATA_DIR/backups), re-applied to the restored data; 'deferred' when the archive predates the
   * tombstone table: `npm start` re-applies them after migrating.
   */
  tombstones: { added: number; erased: number } | 'deferred';
}

const DRIVER_LABEL = { pglite: 'PGlite embarqué', postgres: 'PostgreSQL' } as const;

async function assertEmptyTarget(target: RestoreTarget, storage: Storage): Promise<void> {
  if (target.driver === 'pglite') {
    if (!isEmptyDir(target.dir))
      throw new BackupError(
        `Restauration refusée : ${target.dir} n'est pas vide (une base PGlite existe déjà). Restaurez dans un DATA_DIR vide.`,
      );
  } else {
    const probe = openPostgres(target.url, 1);
    try {
      const objects = await databaseObjects(probe.db);
      if (objects > 0)
        throw new BackupError(
          `Restauration refusée : la base cible n'est pas vide (${objects} objet(s) : tables, schémas ou extensions). Créez une base vide (createdb) et pointez DATABASE_URL dessus.`,
        );
    } finally {
      await probe.close();
    }
  }
  for await (const key of storage.list()) {
    throw new BackupError(
      `Restauration refusée : le stockage des documents (${storage.name}) contient déjà des fichiers (par exemple ${key}). Restaurez dans un stockage vide.`,
    );
  }
}

async function restoreDatabase(
  archive: string,
  entry: TarEntry,
  manifest: BackupManifest,
  target: RestoreTarget,
): Promise<DbHandle> {
  if (target.driver === 'pglite') {
    // A file-backed Blob of just this entry: PGlite reads the dump without a temporary copy.
    const dump = (await openAsBlob(archive)).slice(entry.offset, entry.offset + entry.size, 'application/x-gzip');
    return loadPglite(target.dir, dump);
  }
  const handle = openPostgres(target.url, 2);
  const work = await mkdtemp(path.join(os.tmpdir(), 'c360-restore-'));
  try {
    const serverMajor = majorOf(await serverVersion(handle.db));
    const tool = await findPgTool('pg_restore', serverMajor);
    const dumpMajor = majorOf(manifest.database.tool.replace(/^\D+/, ''));
    if (tool.major < dumpMajor)
      throw new BackupError(
        `pg_restore ${tool.major} ne lit pas une archive de pg_dump ${dumpMajor} : installez postgresql-client-${dumpMajor}.`,
      );
    // pg_restore needs a seekable file for a custom-format archive.
    const file = path.join(work, 'postgres.dump');
    await pipeline(entryStream(archive, entry), createWriteStream(file, { mode: 0o600 }));
    await pgRestore(tool, target.url, file);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function restoreDocuments(
  archive: string,
  manifest: BackupManifest,
  entries: Map<string, TarEntry>,
  storage: Storage,
) {
  let count = 0;
  let bytes = 0;
  for (const file of manifest.files) {
    if (!file.path.startsWith(DOCUMENTS_PREFIX)) continue;
    const key = file.path.slice(DOCUMENTS_PREFIX.length);
    const stored = await storage.put(key, entryStream(archive, entries.get(file.path)!), {
      maxBytes: Number.MAX_SAFE_INTEGER,
    });
    if (stored.sha256 !== file.sha256 || stored.size !== file.size)
      throw new BackupError(`Document ${key} : le fichier écrit ne correspond pas au manifeste.`);
    count++;
    bytes += stored.size;
  }
  return { count, bytes };
}

async function restoreAuthSecret(archive: string, entries: Map<string, TarEntry>, dataDir: string) {
  const entry = entries.get(AUTH_SECRET_ENTRY);
  if (!entry) return 'absent' as const;
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) return 'kept' as const;
  const secret = await readEntry(archive, entry);
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, secret, { mode: 0o600, flag: 'wx' });
  return 'restored' as const;
}

function compareCounts(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names
    .filter((n) => expected[n] !== actual[n])
    .map((n) => `${n} : ${expected[n] ?? 'absente'} attendue(s), ${actual[n] ?? 'absente'} restaurée(s)`);
}

/**
 * Restores an archive of `npm run backup` into an empty target. Nothing is written before the
 * archive is verified (every entry against the manifest's size and sha256) and the target is
 * found empty; then the database, the documents and the auth secret are restored, and the row
 * counts are compared table by table with the manifest.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const { archive, target, storage, dataDir } = options;
  const { manifest, entries } = await verifyArchive(archive);
  if (manifest.driver !== target.driver)
    throw new BackupError(
      `Cette archive vient de ${DRIVER_LABEL[manifest.driver]}, la configuration actuelle utilise ${DRIVER_LABEL[target.driver]} : ${
        manifest.driver === 'postgres'
          ? 'définissez DATABASE_URL (base vide)'
          : 'retirez DATABASE_URL et choisissez un DATA_DIR vide'
      } pour la restaurer.`,
    );
  await assertEmptyTarget(target, storage);
  let handle: DbHandle | undefined;
  try {
    handle = await restoreDatabase(archive, entries.get(manifest.database.entry)!, manifest, target);
    const documents = await restoreDocuments(archive, manifest, entries, storage);
    const authSecret = await restoreAuthSecret(archive, entries, dataDir);
    const counts = await tableCounts(handle.db);
    const differences = compareCounts(manifest.database.rowCounts, counts);
    if (differences.length)
      throw new BackupError(
        `Nombre de lignes différent du manifeste après restauration : ${differences.slice(0, 5).join(' ; ')}`,
      );
    // Never resurrect an erased person (README "Backups").
    let tombstones: RestoreReport['tombstones'] = 'deferred';
    if (await hasTombstoneTable(handle.db)) {
      const ledgers = [...new Set([ledgerBeside(archive), tombstoneLedgerPath(path.join(dataDir, 'backups'))])];
      const r = await reapplyTombstones(handle.db, ledgers);
      await deleteStoredFiles(r.storageKeys, storage);
      tombstones = { added: r.added, erased: r.erased };
    }
    return {
      tombstones,
      manifest,
      tables: Object.keys(counts).length,
      rows: Object.values(counts).reduce((a, b) => a + b, 0),
      documents: documents.count,
      documentBytes: documents.bytes,
      authSecret,
      pendingMigrations: Math.max(0, migrationJournal().length - manifest.database.migrations.applied),
    };
  } catch (error) {
    if (error instanceof BackupError)
      error.message += ' La cible est peut-être partiellement restaurée : videz-la avant de recommencer.';
    throw error;
  } finally {
    await handle?.close();
  }
}
