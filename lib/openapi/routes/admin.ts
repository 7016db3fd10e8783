import { z } from 'zod';
import { ok, routesOf } from '../registry';

const route = routesOf('admin');

/** Documented shape of the multipart body (not parsed by withAuth: the handler streams it). */
const legacyImportUploadSchema = z.object({
  file: z.string().meta({ format: 'binary', description: 'Fichier .csv (« ; ») ou .json, 50 Mo au plus' }),
});

export const previewLegacyImportRoute = route.post('/api/admin/legacy-import', {
  permission: 'admin',
  summary:
    'Legacy import, step 1 (admin): upload the old system’s file (multipart `file`, .csv or .json, ≤ 50 MB, streamed to disk) → dry-run report `{checksum, fileName, report, message}`; the admin page then imports that exact file by its checksum',
  body: legacyImportUploadSchema,
  bodyContentType: 'multipart/form-data',
  responses: [
    ok('Rapport de simulation'),
    { status: 400, description: 'Aucun fichier' },
    { status: 408, description: 'Envoi interrompu (aucune donnée pendant 30 s)' },
    { status: 413, description: 'Fichier trop volumineux (50 Mo)' },
    { status: 415, description: 'Format attendu : .csv ou .json' },
    { status: 422, description: 'Fichier illisible' },
    { status: 429, description: 'Trop d’envois en cours : `Retry-After`' },
  ],
});
