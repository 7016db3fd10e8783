import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import { asc, isNull, sql } from 'drizzle-orm';
import type { DbHandle, DbOrTx } from '@/db';
import { customerDocuments } from '@/db/schema';
import { isStorageKey, type Storage } from '@/lib/storage';
import { LocalStorage } from '@/lib/storage/local';
import { BackupError, migrationLevel, rowsOf, serverVersion, tableCounts } from './database';
import {
  AUTH_SECRET_ENTRY,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  DATABASE_ENTRIES,
  DOCUMENTS_PREFIX,
  MANIFEST_ENTRY,
  type BackupManifest,
  type ManifestFile,
} from './manifest';
import { dumpPglite } from './pglite';
import { findPgTool, majorOf, pgDump } from './postgres';
import { TarWriter } from './tar';
import { ledgerBeside, syncLedger } from './tombstones';

export interface CreateBackupOptions {
  handle: DbHandle;
  storage: Storage;
  /** Where the generated auth secret lives (copied so restored sessions stay valid). */
  dataDir: string;
  /** The archive to write; must not exist yet. */
  out: string;
  now?: Date;
}

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: BackupManifest;
}

interface DocumentRef {
  key: string;
  size: number;
  sha256: string;
}

export function appVersion(): string {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  try {
    return (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'inconnue';
  }
}

/** Counts, migration level and the live documents, all read inside the dump's snapshot. */
async function readSnapshot(tx: DbOrTx) {
  const docs = await tx
    .select({ key: customerDocuments.storageKey, size: customerDocuments.sizeBytes, sha256: customerDocuments.sha256 })
    .from(customerDocuments)
    .where(isNull(customerDocuments.deletedAt))
    .orderBy(asc(customerDocuments.storageKey));
  return {
    rowCounts: await tableCounts(tx),
    migrations: await migrationLevel(tx),
    docs: docs.map((d): DocumentRef => ({ key: d.key, size: Number(d.size), sha256: d.sha256 })),
  };
}

type Snapshot = Awaited<ReturnType<typeof readSnapshot>>;

async function dumpDatabase(handle: DbHandle, writer: TarWriter, workFile: string) {
  const version = await serverVersion(handle.db);
  const entry = DATABASE_ENTRIES[handle.driver];
  if (handle.driver === 'pglite') {
    // One process per PGlite directory (the CLI holds the lock): nothing writes meanwhile.
    const snapshot = await handle.db.transaction((tx) => readSnapshot(tx), {
      isolationLevel: 'repeatable read',
      accessMode: 'read only',
    });
    const dump = await dumpPglite(handle);
    const sha256 = await writer.add(
      entry,
      dump.size,
      Readable.fromWeb(dump.stream() as NodeReadableStream<Uint8Array>),
    );
    const tool = `PGlite dumpDataDir`;
    return {
      snapshot,
      version,
      tool,
      format: 'pglite-datadir' as const,
      file: { path: entry, size: dump.size, sha256 },
    };
  }
  if (!handle.url) throw new BackupError('URL PostgreSQL inconnue : sauvegarde impossible.');
  const tool = await findPgTool('pg_dump', majorOf(version));
  let snapshot: Snapshot | undefined;
  try {
    // The application keeps running: the dump, the counts and the document list share one snapshot.
    await handle.db.transaction(
      async (tx) => {
        const [{ id }] = rowsOf<{ id: string }>(await tx.execute(sql`select pg_export_snapshot() as id`));
        snapshot = await readSnapshot(tx);
        await pgDump(tool, handle.url!, workFile, id);
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    const { size } = await stat(workFile);
    const sha256 = await writer.add(entry, size, createReadStream(workFile));
    return {
      snapshot: snapshot!,
      version,
      tool: tool.version,
      format: 'pg_dump-custom' as const,
      file: { path: entry, size, sha256 },
    };
  } finally {
    await rm(workFile, { force: true });
  }
}

/** Copies the documents' files (local disk only) and notes what could not be read. */
async function copyDocuments(storage: Storage, docs: DocumentRef[], writer: TarWriter) {
  const files: ManifestFile[] = [];
  const missing: string[] = [];
  const warnings: string[] = [];
  if (!(storage instanceof LocalStorage)) return { files, missing, warnings };
  for (const doc of docs) {
    if (!isStorageKey(doc.key)) {
      warnings.push(`clé de stockage invalide ignorée : ${doc.key.slice(0, 60)}`);
      continue;
    }
    const file = path.join(storage.root(), doc.key.slice(0, 2), doc.key);
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch {
      missing.push(doc.key);
      continue;
    }
    const entry = `${DOCUMENTS_PREFIX}${doc.key}`;
    const sha256 = await writer.add(entry, size, createReadStream(file));
    if (sha256 !== doc.sha256)
      warnings.push(`document ${doc.key} : le fichier ne correspond plus à la somme enregistrée en base`);
    files.push({ path: entry, size, sha256 });
  }
  return { files, missing, warnings };
}

/**
 * Writes one archive: the database dump, the documents, the generated auth secret and, last, the
 * manifest. Everything goes to `<out>.partial`, renamed only once complete and flushed.
 */
export async function createBackup(options: CreateBackupOptions): Promise<BackupResult> {
  const { handle, storage, dataDir, out } = options;
  if (existsSync(out)) throw new BackupError(`${out} existe déjà : choisissez un autre nom.`);
  await mkdir(path.dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  const writer = await TarWriter.create(partial);
  try {
    const db = await dumpDatabase(handle, writer, `${out}.db-partial`);
    const docs = await copyDocuments(storage, db.snapshot.docs, writer);
    const files: ManifestFile[] = [db.file, ...docs.files];
    const secretFile = path.join(dataDir, 'auth-secret');
    if (existsSync(secretFile)) {
      const secret = await readFile(secretFile);
      files.push({
        path: AUTH_SECRET_ENTRY,
        size: secret.length,
        sha256: await writer.addBuffer(AUTH_SECRET_ENTRY, secret),
      });
    }
    const local = storage instanceof LocalStorage;
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: (options.now ?? new Date()).toISOString(),
      appVersion: appVersion(),
      driver: handle.driver,
      database: {
        entry: db.file.path,
        format: db.format,
        serverVersion: db.version,
        tool: db.tool,
        migrations: db.snapshot.migrations,
        rowCounts: db.snapshot.rowCounts,
      },
      documents: {
        storage: storage.name,
        copied: local,
        count: local ? docs.files.length : db.snapshot.docs.length,
        bytes: (local ? docs.files : db.snapshot.docs).reduce((sum, f) => sum + f.size, 0),
        note: local
          ? undefined
          : 'Fichiers stockés sur UploadThing : référencés ici (clé, taille, sha256), non copiés dans l’archive.',
        missing: docs.missing,
        referenced: local ? undefined : db.snapshot.docs,
      },
      files,
      warnings: [
        ...docs.warnings,
        ...docs.missing.map((k) => `document ${k} : fichier introuvable au moment de la sauvegarde`),
      ],
    };
    await writer.addBuffer(MANIFEST_ENTRY, Buffer.from(JSON.stringify(manifest, null, 2)));
    await writer.close();
    await rename(partial, out);
    // The erasures this archive cannot forget are kept beside it (README "Backups").
    await syncLedger(handle.db, ledgerBeside(out));
    const { size } = await stat(out);
    return { file: out, bytes: size, manifest };
  } catch (error) {
    await writer.abort();
    await rm(partial, { force: true });
    throw error;
  }
}
