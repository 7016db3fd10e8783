import { z } from 'zod';
import { exportBundleSchema } from '@/lib/export/bundle';
import { customerListExportQuerySchema } from '@/lib/export/list';
import { ok, routesOf } from '../registry';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `?format=` in any case and spacing; documented as the enum it accepts. */
const customerExportQuerySchema = z.object({
  format: z
    .string()
    .trim()
    .toLowerCase()
    .default('json')
    .refine((v): v is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(v), {
      message: `Format inconnu : choisissez ${EXPORT_FORMATS.join(', ')}.`,
    })
    .meta({ enum: [...EXPORT_FORMATS] }),
});

export const exportCustomerRoute = routesOf('consents').get('/api/customers/{id}/export', {
  permission: 'customer.export',
  summary:
    'Download the customer’s data (`Content-Disposition: attachment`). `format=json`: the complete GDPR portability bundle (profile, contacts, vehicles, notes, tags, activities, interventions, invoices, payments, credit notes, refunds, consent history, e-mails, document list with sha256). Writes an export activity',
  query: customerExportQuerySchema,
  responses: [
    { status: 200, description: 'Fichier `client-C-000123.json`', schema: exportBundleSchema },
    { status: 422, description: 'Format inconnu ou non disponible' },
    { status: 429, description: 'Trop d’exports en cours (2 par utilisateur, 4 par instance) : `Retry-After`' },
    { status: 404, description: 'Client introuvable (ou document de preuve d’un autre client).' },
  ],
});

export const exportCustomerListRoute = routesOf('exports').get('/api/customers/export', {
  permission: 'customer.export',
  summary:
    'Export the customer list with the list filters (`format=csv|xlsx`), or a selection of it (`ids`: exactly those customers, archived ones included unless `archived` says otherwise; erased ones never), streamed from keyset batches of 1000. CSV: UTF-8 with BOM, `;` separator; cells starting with = + - @ tab CR are prefixed with a quote. `Content-Disposition: attachment`. At most 2 exports per caller and 4 per instance at once (429 + `Retry-After`); a download left unread for 60 s is cut.',
  query: customerListExportQuerySchema,
  responses: [
    ok('text/csv ou application/vnd.openxmlformats-officedocument.spreadsheetml.sheet (flux)'),
    { status: 403, description: 'Filtre `segment` sans le droit analytics.read' },
    { status: 429, description: 'Trop d’exports en cours (2 par utilisateur, 4 par instance) : `Retry-After`' },
  ],
});
