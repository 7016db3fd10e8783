'use server';

import path from 'node:path';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { type ActionState, runAction } from '@/lib/actions';
import { requireActionActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { LegacyParseError } from './parse';
import { importLegacy, type ImportReport } from './run';
import { deleteUpload, readUpload, saveUpload } from './uploads';

/**
 * Admin page: upload → dry-run preview (the file is kept under DATA_DIR/imports/<sha256> so the
 * "Importer" button imports exactly the previewed bytes; deleted after the run, lib/legacy-import/uploads.ts)
 * → import. Admin only.
 */
const MAX_BYTES = 50 * 1024 * 1024;
const PREVIEW_ROWS = 1000;

export interface ImportPreview {
  checksum: string;
  fileName: string;
  report: Omit<ImportReport, 'rows'> & { rows: ImportReport['rows']; truncated: boolean };
}

function trim(report: ImportReport): ImportPreview['report'] {
  return { ...report, rows: report.rows.slice(0, PREVIEW_ROWS), truncated: report.rows.length > PREVIEW_ROWS };
}

async function guarded(fn: () => Promise<ImportReport>): Promise<ImportReport> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof LegacyParseError) throw AppError.validation({ file: [error.message] }, error.message);
    throw error;
  }
}

export async function previewLegacyImportAction(
  _prev: ActionState<ImportPreview>,
  formData: FormData,
): Promise<ActionState<ImportPreview>> {
  return runAction(async () => {
    const actor = await requireActionActor('admin');
    const file = formData.get('file');
    if (!(file instanceof File) || file.size === 0)
      throw AppError.validation({ file: ['Choisissez un fichier CSV ou JSON.'] });
    if (file.size > MAX_BYTES) throw new AppError('payload_too_large', 'Fichier trop volumineux (50 Mo maximum).');
    if (!/\.(csv|json|txt)$/i.test(file.name))
      throw new AppError('unsupported_media_type', 'Format attendu : .csv ou .json.');
    const buffer = Buffer.from(await file.arrayBuffer());
    const checksum = await saveUpload(buffer);
    const report = await guarded(() =>
      importLegacy(getDb(), actor, { buffer, fileName: file.name, dryRun: true }),
    ).catch(async (error: unknown) => {
      await deleteUpload(checksum); // unreadable: nothing to import later
      throw error;
    });
    return {
      ok: true,
      message: `Simulation : ${report.stats.imported} à importer, ${report.stats.skippedDuplicate} doublon(s), ${report.stats.rejected} rejet(s).`,
      data: { checksum, fileName: file.name, report: trim(report) },
    };
  });
}

export async function runLegacyImportAction(
  _prev: ActionState<ImportPreview>,
  formData: FormData,
): Promise<ActionState<ImportPreview>> {
  return runAction(async () => {
    const actor = await requireActionActor('admin');
    const checksum = String(formData.get('checksum') ?? '');
    const fileName = String(formData.get('fileName') ?? 'import.csv').slice(0, 200);
    if (!/^[0-9a-f]{64}$/.test(checksum))
      throw AppError.badRequest('Fichier de simulation inconnu : recommencez la simulation.');
    const buffer = await readUpload(checksum);
    if (!buffer) throw AppError.badRequest('Fichier de simulation introuvable : recommencez la simulation.');
    // The uploaded copy is deleted whatever the outcome: a failed run is resumed by uploading again.
    const report = await guarded(() => importLegacy(getDb(), actor, { buffer, fileName })).finally(() =>
      deleteUpload(checksum),
    );
    revalidatePath('/customers');
    const s = report.stats;
    return {
      ok: !report.failure,
      message: report.failure
        ? `Import interrompu ligne ${report.failure.resumeFrom} (${report.failure.message}). ${s.imported} client(s) importé(s) avant l’erreur ; déposez à nouveau le fichier pour reprendre (les lignes déjà importées seront ignorées).`
        : `Import terminé : ${s.imported} importé(s), ${s.skippedDuplicate} doublon(s) ignoré(s), ${s.rejected} rejet(s). Sauvegarde : ${report.backupPath ? path.basename(report.backupPath) : '—'}.`,
      data: { checksum, fileName, report: trim(report) },
    };
  });
}
