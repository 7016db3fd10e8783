import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Retention of `npm run backup` archives: in the directory an archive was just written to, the
 * archives named by `npm run backup` (customer-360-<UTC timestamp>.tar) and older than `days` are
 * deleted. The date comes from the name, so a copied or touched file keeps its age; nothing else
 * in the directory is touched (the legacy-import backups live there as directories).
 */
const ARCHIVE_NAME = /^customer-360-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.tar$/;
/** lib/legacy-import/backup.ts: `<UTC timestamp>-<run id prefix>/`. */
const IMPORT_BACKUP_NAME = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-[0-9a-f]{8}$/;

export function archiveName(date: Date): string {
  return `customer-360-${date.toISOString().replace(/[:.]/g, '-')}.tar`;
}

export function archiveDate(name: string, pattern = ARCHIVE_NAME): Date | null {
  const m = pattern.exec(name);
  if (!m) return null;
  const date = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function pruneArchives(dir: string, days: number, now = new Date(), keep?: string): Promise<string[]> {
  return pruneDated(dir, days, now, ARCHIVE_NAME, { keep, recursive: false });
}

/**
 * The legacy-import backups (directories of JSON lines with personal data) follow the same
 * retention: those older than `days`, by the date in their name, are deleted.
 */
export function pruneImportBackups(dir: string, days: number, now = new Date()): Promise<string[]> {
  return pruneDated(dir, days, now, IMPORT_BACKUP_NAME, { recursive: true });
}

/** Deletes the entries of `dir` whose name matches `pattern` and dates from more than `days` ago (but `keep`). */
async function pruneDated(
  dir: string,
  days: number,
  now: Date,
  pattern: RegExp,
  { keep, recursive }: { keep?: string; recursive: boolean },
): Promise<string[]> {
  const cutoff = now.getTime() - days * 86_400_000;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names.sort()) {
    const date = archiveDate(name, pattern);
    const file = path.join(dir, name);
    if (!date || date.getTime() >= cutoff || (keep && path.resolve(keep) === file)) continue;
    await rm(file, { recursive, force: true });
    removed.push(file);
  }
  return removed;
}
