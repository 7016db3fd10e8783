'use server';

import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { type ActionState, runAction } from '@/lib/actions';
import { requireActionActor } from '@/lib/auth/session';
import { dataDir } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { LegacyParseError } from './parse';
import { importLegacy, type ImportReport } from './run';

/**
 * Admin page: upload → dry-run preview (the file is kept under DATA_DIR/imports/<sha256> so the
 * "Importer" button imports exactly the previewed bytes) → import. Admin only.
 */
const MAX_BYTES = 50 * 1024 * 1024;
const PREVIEW_ROWS = 1000;

export interface ImportPreview {
  checksum: string;
  fileName: string;
  report: Omit<ImportReport, 'rows'> & { rows: ImportReport['rows']; truncated: boolean };
}

const uploadPath = (checksum: string) => path.join(dataDir(), 'imports', `${checksum}.bin`);

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
    const checksum = createHash('sha256').update(buffer).digest('hex');
    await mkdir(path.dirname(uploadPath(checksum)), { recursive: true });
    await writeFile(uploadPath(checksum), buffer);
    const report = await guarded(() => importLegacy(getDb(), actor, { buffer, fileName: file.name, dryRun: true }));
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
    let buffer: Buffer;
    try {
      buffer = await readFile(uploadPath(checksum));
    } catch {
      throw AppError.badRequest('Fichier de simulation introuvable : recommencez la simulation.');
    }
    const report = await guarded(() => importLegacy(getDb(), actor, { buffer, fileName }));
    revalidatePath('/customers');
    const s = report.stats;
    return {
      ok: !report.failure,
      message: report.failure
        ? `Import interrompu ligne ${report.failure.resumeFrom} (${report.failure.message}). ${s.imported} client(s) importé(s) avant l’erreur ; relancez l’import pour reprendre.`
        : `Import terminé : ${s.imported} importé(s), ${s.skippedDuplicate} doublon(s) ignoré(s), ${s.rejected} rejet(s). Sauvegarde : ${report.backupPath ? path.basename(report.backupPath) : '—'}.`,
      data: { checksum, fileName, report: trim(report) },
    };
  });
}
