import path from 'node:path';
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { invoices, legacyIdMap, migrationRuns } from '@/db/schema';
import { dataDir } from '@/lib/env';
import { readManifest, tableCounts, type BackupTable } from './backup';

export interface RestoreResult {
  backup: string;
  runIds: string[];
  deletedCustomers: number;
  countsAtBackup: Record<BackupTable, number>;
  countsNow: Record<BackupTable, number>;
}

/** Resolves a backup given as an absolute path or as a directory name under DATA_DIR/backups. */
export function resolveBackupDir(backup: string): string {
  return path.isAbsolute(backup) || backup.includes(path.sep)
    ? path.resolve(backup)
    : path.join(dataDir(), 'backups', backup);
}

/**
 * Brings the database back to the backup: in ONE transaction, deletes the customers created by the
 * import run that took the backup and by any later import run (found through legacy_id_map.run_id),
 * with everything that hangs off them, and marks those runs `restored`. The import never updates
 * or deletes existing rows, so this is exactly the inverse of the runs. If an invoice has been
 * issued to an imported customer since, nothing is deleted and the error says so.
 */
export async function restoreBackup(db: Db, backup: string): Promise<RestoreResult> {
  const dir = resolveBackupDir(backup);
  const manifest = await readManifest(dir);
  const result = await db.transaction(async (tx) => {
    const runs = await tx
      .select({ id: migrationRuns.id })
      .from(migrationRuns)
      .where(and(eq(migrationRuns.dryRun, false), gte(migrationRuns.startedAt, new Date(manifest.takenAt))));
    const runIds = [...new Set([manifest.runId, ...runs.map((r) => r.id)])];
    const imported = sql`(select ${legacyIdMap.customerId} from ${legacyIdMap} where ${inArray(legacyIdMap.runId, runIds)})`;
    const [{ n: invoiced }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(invoices)
      .where(sql`${invoices.customerId} in ${imported}`);
    if (Number(invoiced) > 0)
      throw new Error(
        `Restauration impossible : ${invoiced} facture(s) ont été émises depuis pour des clients importés.`,
      );
    // consent_events is append-only (DB trigger). Removing the events of customers that this
    // restore un-creates is the one other legitimate exception, so it uses the same escape as the
    // GDPR erasure, scoped to this transaction (set_config(..., true) = SET LOCAL).
    await tx.execute(sql`select set_config('c360.gdpr_erasure', 'on', true)`);
    await tx.execute(sql`delete from consent_events where customer_id in ${imported}`);
    await tx.execute(sql`select set_config('c360.gdpr_erasure', 'off', true)`);
    // Children (vehicles, notes, activity, contacts, tags, legacy_id_map) follow by ON DELETE CASCADE.
    const deleted = await tx.execute(sql`delete from customers where id in ${imported} returning id`);
    const deletedRows = Array.isArray(deleted) ? deleted : (deleted as { rows: unknown[] }).rows;
    await tx.update(migrationRuns).set({ status: 'restored' }).where(inArray(migrationRuns.id, runIds));
    return { runIds, deletedCustomers: deletedRows.length };
  });
  return { backup: dir, ...result, countsAtBackup: manifest.counts, countsNow: await tableCounts(db) };
}
