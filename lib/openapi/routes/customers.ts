import { archiveBodySchema, createCustomerQuerySchema } from '@/lib/customers/api-schemas';
import { copyBodySchema } from '@/lib/customers/copy';
import { customerCreateSchema, customerListQuerySchema, customerUpdateSchema } from '@/lib/customers/schema';
import { defineRoute } from '../registry';

const customer = { status: 200, description: 'Le client (avec contacts, véhicules et étiquettes pour les lectures).' };

export const listCustomersRoute = defineRoute({
  method: 'get',
  path: '/api/customers',
  tag: 'customers',
  permission: 'customer.read',
  summary:
    'List customers: full-text `q`, filters, keyset pages (sort recent|name); `segment`/`compliance` are applied by their modules; `segment` needs `analytics.read`',
  query: customerListQuerySchema,
  responses: [
    { status: 200, description: 'Page `{ data, nextCursor }` (pagination par curseur).' },
    { status: 403, description: 'Filtre `segment` sans le droit analytics.read' },
  ],
});

export const createCustomerRoute = defineRoute({
  method: 'post',
  path: '/api/customers',
  tag: 'customers',
  permission: 'customer.create',
  summary:
    'Create a customer; the response includes `possibleDuplicates` (SIRET, email, phone, similar name + postal code). 409 `erased_person` when the e-mail or SIRET belongs to a person erased under the GDPR; `confirmErased=true` (admin only, 403 otherwise) creates them deliberately',
  query: createCustomerQuerySchema,
  body: customerCreateSchema,
  responses: [
    { status: 201, description: 'Client créé + possibleDuplicates' },
    { status: 409, description: '`erased_person` : personne effacée (RGPD), recréation réservée à un administrateur' },
  ],
});

export const getCustomerRoute = defineRoute({
  method: 'get',
  path: '/api/customers/{id}',
  tag: 'customers',
  permission: 'customer.read',
  summary:
    'Read a customer with contacts, vehicles and tags (an erased customer is returned anonymised with `erasedAt`)',
  responses: [customer],
});

export const updateCustomerRoute = defineRoute({
  method: 'patch',
  path: '/api/customers/{id}',
  tag: 'customers',
  permission: 'customer.update',
  summary:
    'Partial update; `updatedAt` must be the version the edit is based on (409 when stale, 409 on an erased customer)',
  body: customerUpdateSchema,
  responses: [customer],
});

export const eraseCustomerRoute = defineRoute({
  method: 'delete',
  path: '/api/customers/{id}',
  tag: 'customers',
  permission: 'customer.delete',
  summary: 'GDPR erasure: personal data, children, documents and files removed; invoices and payments kept',
  responses: [{ status: 204, description: 'Supprimé.' }],
});

export const toggleCustomerStatusRoute = defineRoute({
  method: 'post',
  path: '/api/customers/{id}/toggle-status',
  tag: 'customers',
  permission: 'customer.status',
  summary: 'Active ⇄ inactive',
  responses: [customer],
});

export const archiveCustomerRoute = defineRoute({
  method: 'post',
  path: '/api/customers/{id}/archive',
  tag: 'customers',
  permission: 'customer.update',
  summary: 'Archive or unarchive',
  body: archiveBodySchema,
  responses: [customer],
});

export const copyCustomerRoute = defineRoute({
  method: 'post',
  path: '/api/customers/{id}/duplicate',
  tag: 'customers',
  permission: 'customer.duplicate',
  summary:
    'Intelligent copy: identity, address and coordinates, contacts, tags; email, SIRET, VAT and phones (unless `keepPhones`) cleared; no vehicles, notes, history, documents, consents or finances; name suffixed " (copie)"; both timelines record the link. Body optional.',
  body: copyBodySchema,
  optionalBody: true,
  responses: [{ status: 201, description: 'Le nouveau client `{ id, ...customer }` (en-tête Location)' }],
});
