import { duplicateBodySchema } from '@/lib/customers/duplicate';
import { customerListExportQuerySchema } from '@/lib/export/list';
import { registerRoutes } from '../registry';

/** Data in and out: list export (streamed) and intelligent duplication. */
registerRoutes([
  {
    method: 'get',
    path: '/api/customers/export',
    tag: 'exports',
    permission: 'customer.export',
    summary:
      'Export the customer list with the list filters (`format=csv|xlsx`), streamed from keyset batches of 1000. CSV: UTF-8 with BOM, `;` separator; cells starting with = + - @ tab CR are prefixed with a quote. `Content-Disposition: attachment`.',
    query: customerListExportQuerySchema,
    responses: [
      {
        status: 200,
        description: 'text/csv ou application/vnd.openxmlformats-officedocument.spreadsheetml.sheet (flux)',
      },
    ],
  },
  {
    method: 'post',
    path: '/api/customers/{id}/duplicate',
    tag: 'customers',
    permission: 'customer.duplicate',
    summary:
      'Intelligent copy: identity, address and coordinates, contacts, tags; email, SIRET, VAT and phones (unless `keepPhones`) cleared; no vehicles, notes, history, documents, consents or finances; name suffixed " (copie)"; both timelines record the link. Body optional.',
    body: duplicateBodySchema,
    responses: [{ status: 201, description: 'Le nouveau client `{ id, ...customer }` (en-tête Location)' }],
  },
]);
