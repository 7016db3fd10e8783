'use server';

import path from 'node:path';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { type ActionState, runAction } from '@/lib/actions';
import { requireActionActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { guardedImport, type ImportPreview, trimReport } from './preview';
import { importLegacy } from './run';
import { deleteUpload, readUpload } from './uploads';

export type { ImportPreview } from './preview';

/**
 * Admin page, step 2: import the file previewed by POST /api/admin/legacy-import (step 1, a streaming
 * route: the 2 MB action body limit does not apply to it). This action only carries the checksum; the
 * uploaded copy is deleted after the run (lib/legacy-import/uploads.ts). Admin only.
 */
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
    const report = await guardedImport(() => importLegacy(getDb(), actor, { buffer, fileName })).finally(() =>
      deleteUpload(checksum),
    );
    revalidatePath('/customers');
    const s = report.stats;
    return {
      ok: !report.failure,
      message: report.failure
        ? `Import interrompu ligne ${report.failure.resumeFrom} (${report.failure.message}). ${s.imported} client(s) importé(s) avant l’erreur ; déposez à nouveau le fichier pour reprendre (les lignes déjà importées seront ignorées).`
        : `Import terminé : ${s.imported} importé(s), ${s.skippedDuplicate} doublon(s) ignoré(s), ${s.rejected} rejet(s). Sauvegarde : ${report.backupPath ? path.basename(report.backupPath) : '—'}.`,
      data: { checksum, fileName, report: trimReport(report) },
    };
  });
}
