import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { asc, count, gt } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '@/db';
import {
  consentEvents,
  customerActivity,
  customerNotes,
  customers,
  legacyIdMap,
  migrationRuns,
  vehicles,
} from '@/db/schema';
import { pruneImportBackups as pruneOld } from '@/lib/backup/prune';
import { dataDir, env } from '@/lib/env';

/**
 * Before an import writes anything, the tables it touches are copied to
 * `${DATA_DIR}/backups/<timestamp>/` as JSON lines (one file per table) with a manifest of row
 * counts. The import only ever INSERTS (customers and their children, legacy_id_map, one
 * migration_runs row), so `restore` brings the database back by deleting what the run(s) since
 * the backup created; the JSON lines stay as the full copy for a manual recovery.
 * They hold personal data: they expire after BACKUP_RETENTION_DAYS and an erasure removes the
 * erased customer's rows from them (README "Security").
 */
export const BACKUP_TABLES = {
  customers: { table: customers, key: customers.id },
  vehicles: { table: vehicles, key: vehicles.id },
  customer_notes: { table: customerNotes, key: customerNotes.id },
  consent_events: { table: consentEvents, key: consentEvents.id },
  customer_activity: { table: customerActivity, key: customerActivity.id },
  legacy_id_map: { table: legacyIdMap, key: legacyIdMap.legacyId },
  migration_runs: { table: migrationRuns, key: migrationRuns.id },
} satisfies Record<string, { table: PgTable; key: PgColumn }>;
export type BackupTable = keyof typeof BACKUP_TABLES;

export interface BackupManifest {
  version: 1;
  takenAt: string;
  runId: string;
  file: string;
  counts: Record<BackupTable, number>;
}

export async function tableCounts(db: Db): Promise<Record<BackupTable, number>> {
  const entries = await Promise.all(
    Object.entries(BACKUP_TABLES).map(async ([name, { table }]) => {
      const [{ n }] = await db.select({ n: count() }).from(table);
      return [name, Number(n)] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<BackupTable, number>;
}

const PAGE = 5000;

async function dumpTable(db: Db, name: BackupTable, file: string): Promise<number> {
  const { table, key } = BACKUP_TABLES[name];
  const out = createWriteStream(file, { encoding: 'utf8' });
  let last: string | null = null;
  let total = 0;
  try {
    for (;;) {
      // Keyset pages: constant memory whatever the table size.
      const rows = (await db
        .select()
        .from(table)
        .where(last === null ? undefined : gt(key, last))
        .orderBy(asc(key))
        .limit(PAGE)) as Record<string, unknown>[];
      if (!rows.length) break;
      const chunk = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      total += rows.length;
      const lastRow = rows[rows.length - 1];
      last = String(name === 'legacy_id_map' ? lastRow.legacyId : lastRow.id);
      if (rows.length < PAGE) break;
    }
  } finally {
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
  return total;
}

/** Timestamped directory name, sortable and safe on every file system. */
export function backupStamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

export async function createBackup(
  db: Db,
  runId: string,
  file: string,
): Promise<{ dir: string; manifest: BackupManifest }> {
  const takenAt = new Date();
  const dir = path.join(dataDir(), 'backups', `${backupStamp(takenAt)}-${runId.slice(0, 8)}`);
  await mkdir(dir, { recursive: true });
  const counts = {} as Record<BackupTable, number>;
  for (const name of Object.keys(BACKUP_TABLES) as BackupTable[]) {
    counts[name] = await dumpTable(db, name, path.join(dir, `${name}.jsonl`));
  }
  const manifest: BackupManifest = { version: 1, takenAt: takenAt.toISOString(), runId, file, counts };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { dir, manifest };
}

export async function readManifest(dir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await readFile(path.join(dir, 'manifest.json'), 'utf8');
  } catch {
    throw new Error(`Sauvegarde introuvable : ${dir} (manifest.json absent).`);
  }
  const manifest = JSON.parse(text) as BackupManifest;
  if (manifest.version !== 1 || !manifest.runId || !manifest.takenAt)
    throw new Error(`Manifeste de sauvegarde illisible : ${dir}.`);
  return manifest;
}

const importBackupsDir = () => path.join(dataDir(), 'backups');

/** Deletes the import backups older than BACKUP_RETENTION_DAYS (run before each import). */
export function pruneImportBackups(now = new Date()): Promise<string[]> {
  return pruneOld(importBackupsDir(), env().BACKUP_RETENTION_DAYS, now);
}

/** Whether a JSON line belongs to the customer: its own row, or a row hanging off it. */
function belongsTo(line: string, customerId: string): boolean {
  if (!line.includes(customerId)) return false;
  const row = JSON.parse(line) as { id?: unknown; customerId?: unknown };
  return row.id === customerId || row.customerId === customerId;
}

async function filterJsonLines(file: string, customerId: string): Promise<number> {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial, { encoding: 'utf8', mode: 0o600 });
  let removed = 0;
  let rest = '';
  const write = async (line: string) => {
    if (!line) return;
    if (belongsTo(line, customerId)) {
      removed++;
      return;
    }
    if (!out.write(line + '\n')) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  try {
    // Streamed: an import backup can hold the whole customer base.
    for await (const chunk of createReadStream(file, { encoding: 'utf8' })) {
      const lines = (rest + String(chunk)).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) await write(line);
    }
    await write(rest);
  } finally {
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
  if (removed) await rename(partial, file);
  else await rm(partial, { force: true });
  return removed;
}

/**
 * GDPR erasure: removes the customer's rows (customer, vehicles, notes, consents, activity, legacy
 * ids) from every import backup still on disk. Returns the number of lines removed.
 */
export async function purgeCustomerFromImportBackups(customerId: string): Promise<number> {
  let entries: string[];
  try {
    entries = await readdir(importBackupsDir());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let removed = 0;
  for (const name of entries) {
    const dir = path.join(importBackupsDir(), name);
    let manifest: BackupManifest;
    try {
      manifest = await readManifest(dir);
    } catch {
      continue; // not an import backup (an archive, the tombstone ledger, a stray file)
    }
    let changed = false;
    for (const table of Object.keys(BACKUP_TABLES) as BackupTable[]) {
      let n: number;
      try {
        n = await filterJsonLines(path.join(dir, `${table}.jsonl`), customerId);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      if (n) {
        manifest.counts[table] = Math.max(0, (manifest.counts[table] ?? n) - n);
        removed += n;
        changed = true;
      }
    }
    if (changed) await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  }
  return removed;
}
