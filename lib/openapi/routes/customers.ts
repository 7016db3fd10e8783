import { archiveBodySchema, createCustomerQuerySchema } from '@/lib/customers/api-schemas';
import { customerBulkSchema, SELECTION_MAX_IDS } from '@/lib/customers/bulk-schema';
import { copyBodySchema } from '@/lib/customers/copy-schema';
import { customerCreateSchema, customerListQuerySchema, customerUpdateSchema } from '@/lib/customers/schema';
import { created, deleted, ok, routesOf } from '../registry';

const route = routesOf('customers');

const customer = ok('Le client (avec contacts, véhicules et étiquettes pour les lectures).');

export const listCustomersRoute = route.get('/api/customers', {
  permission: 'customer.read',
  summary:
    'List customers: full-text `q`, filters, keyset pages (sort recent|name); `segment`/`compliance` are applied by their modules; `segment` needs `analytics.read`',
  query: customerListQuerySchema,
  responses: [
    ok('Page `{ data, nextCursor }` (pagination par curseur).'),
    { status: 403, description: 'Filtre `segment` sans le droit analytics.read' },
  ],
});

export const createCustomerRoute = route.post('/api/customers', {
  permission: 'customer.create',
  summary:
    'Create a customer; the response includes `possibleDuplicates` (SIRET, email, phone, similar name + postal code). 409 `erased_person` when the e-mail or SIRET belongs to a person erased under the GDPR; `confirmErased=true` (admin only, 403 otherwise) creates them deliberately',
  query: createCustomerQuerySchema,
  body: customerCreateSchema,
  responses: [
    created('Client créé + possibleDuplicates'),
    { status: 409, description: '`erased_person` : personne effacée (RGPD), recréation réservée à un administrateur' },
  ],
});

export const getCustomerRoute = route.get('/api/customers/{id}', {
  permission: 'customer.read',
  summary:
    'Read a customer with contacts, vehicles and tags (an erased customer is returned anonymised with `erasedAt`)',
  responses: [customer],
});

export const updateCustomerRoute = route.patch('/api/customers/{id}', {
  permission: 'customer.update',
  summary:
    'Partial update; `updatedAt` must be the version the edit is based on (409 when stale, 409 on an erased customer)',
  body: customerUpdateSchema,
  responses: [customer],
});

export const eraseCustomerRoute = route.delete('/api/customers/{id}', {
  permission: 'customer.delete',
  summary: 'GDPR erasure: personal data, children, documents and files removed; invoices and payments kept',
  responses: [deleted],
});

export const toggleCustomerStatusRoute = route.post('/api/customers/{id}/toggle-status', {
  permission: 'customer.status',
  summary: 'Active ⇄ inactive',
  responses: [customer],
});

export const archiveCustomerRoute = route.post('/api/customers/{id}/archive', {
  permission: 'customer.update',
  summary: 'Archive or unarchive',
  body: archiveBodySchema,
  responses: [customer],
});

export const copyCustomerRoute = route.post('/api/customers/{id}/duplicate', {
  permission: 'customer.duplicate',
  summary:
    'Intelligent copy: identity, address and coordinates, contacts, tags; email, SIRET, VAT and phones (unless `keepPhones`) cleared; the copy takes the `email`, `phone`, `mobile` given and must end with at least one of them (422 on `email` otherwise: never an unreachable customer); no vehicles, notes, history, documents, consents or finances; name suffixed " (copie)"; both timelines record the link.',
  body: copyBodySchema,
  // No body is read as `{}`: answered by the same field error as an empty one.
  optionalBody: true,
  responses: [
    created('Le nouveau client `{ id, ...customer }` (en-tête Location)'),
    { status: 409, description: 'Client effacé' },
    { status: 422, description: 'Aucun moyen de contact pour la copie, ou champ invalide' },
  ],
});

export const bulkCustomersRoute = route.post('/api/customers/bulk', {
  permission: 'customer.update',
  summary: `Bulk action on 1–${SELECTION_MAX_IDS} customers, in one transaction with one activity row per customer changed: \`{action: "archive", ids}\`, \`{action: "tag.add", ids, tag}\` (tag name, created when unknown) or \`{action: "tag.remove", ids, tag}\`. Erased customers are skipped (GDPR: no change), unknown ids too; both are counted`,
  body: customerBulkSchema,
  responses: [
    ok(
      '`{action, tag, requested, changed, unchanged, skipped: {erased, notFound}, message}` (`message` : le résumé en français)',
    ),
    {
      status: 422,
      description: `Action inconnue, identifiants invalides, plus de ${SELECTION_MAX_IDS} clients, étiquette à retirer inconnue`,
    },
  ],
});
