import type { Db } from '@/db';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { LegacyParseError } from './parse';
import { importLegacy, type ImportReport } from './run';
import { deleteUpload, saveUploadFile, uploadPath } from './uploads';

/**
 * Admin import, step 1 (README "Legacy import"): the uploaded file (streamed to disk by the route
 * POST /api/admin/legacy-import) is kept under DATA_DIR/imports/<sha256> so that step 2, the
 * "Importer" action, imports exactly the previewed bytes (deleted after the run, lib/legacy-import/uploads.ts);
 * the dry run reports what would happen.
 */
export const LEGACY_IMPORT_MAX_BYTES = 50 * 1024 * 1024;
const PREVIEW_ROWS = 1000;

export interface ImportPreview {
  checksum: string;
  fileName: string;
  report: Omit<ImportReport, 'rows'> & { rows: ImportReport['rows']; truncated: boolean };
}

export function trimReport(report: ImportReport): ImportPreview['report'] {
  return { ...report, rows: report.rows.slice(0, PREVIEW_ROWS), truncated: report.rows.length > PREVIEW_ROWS };
}

/** A parse error is the file's fault: 422 on `file`, in French. */
export async function guardedImport(fn: () => Promise<ImportReport>): Promise<ImportReport> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof LegacyParseError) throw AppError.validation({ file: [error.message] }, error.message);
    throw error;
  }
}

export function assertLegacyFileName(fileName: string | null): string {
  if (!fileName) throw AppError.validation({ file: ['Choisissez un fichier CSV ou JSON.'] });
  if (!/\.(csv|json|txt)$/i.test(fileName))
    throw new AppError('unsupported_media_type', 'Format attendu : .csv ou .json.');
  return fileName.slice(0, 200);
}

/** Moves the received file under its checksum and runs the dry run on it. */
export async function previewLegacyImport(
  db: Db,
  actor: Actor,
  received: { path: string; size: number; originalName: string | null },
): Promise<ImportPreview & { message: string }> {
  const fileName = assertLegacyFileName(received.originalName);
  if (received.size === 0) throw AppError.validation({ file: ['Choisissez un fichier CSV ou JSON.'] });
  const checksum = await saveUploadFile(received.path);
  const report = await guardedImport(() =>
    importLegacy(db, actor, { file: uploadPath(checksum), fileName, dryRun: true }),
  ).catch(async (error: unknown) => {
    await deleteUpload(checksum); // unreadable: nothing to import later
    throw error;
  });
  return {
    checksum,
    fileName,
    report: trimReport(report),
    message: `Simulation : ${report.stats.imported} à importer, ${report.stats.skippedDuplicate} doublon(s), ${report.stats.rejected} rejet(s).`,
  };
}
