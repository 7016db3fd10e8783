import { contactCreateSchema, contactUpdateSchema } from '@/lib/contacts/schema';
import { archiveBodySchema, validateBodySchema } from '@/lib/customers/api-schemas';
import { customerCreateSchema, customerListQuerySchema, customerUpdateSchema } from '@/lib/customers/schema';
import { vehicleCreateSchema, vehicleUpdateSchema } from '@/lib/vehicles/schema';
import { registerRoutes } from '../registry';

const customer = { status: 200, description: 'Le client (avec contacts, véhicules et étiquettes pour les lectures).' };
const page = { status: 200, description: 'Page `{ data, nextCursor }` (pagination par curseur).' };
const list = { status: 200, description: '`{ data: [...] }`' };
const noContent = { status: 204, description: 'Supprimé.' };

registerRoutes([
  {
    method: 'get',
    path: '/api/health',
    tag: 'system',
    permission: 'public',
    summary: 'Liveness with a database check (`{status, db, driver}`; 503 when the database is unreachable)',
    responses: [
      { status: 200, description: 'OK' },
      { status: 503, description: 'Base de données indisponible' },
    ],
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    tag: 'system',
    permission: 'public',
    summary: 'This document',
    responses: [{ status: 200, description: 'OpenAPI 3.1' }],
  },
  {
    method: 'post',
    path: '/api/validate',
    tag: 'system',
    permission: null,
    summary: 'Validate and normalise one value (SIRET, SIREN, VAT, phone, email, plate, VIN, postal code)',
    body: validateBodySchema,
    responses: [{ status: 200, description: '`{ valid, normalized?, message? }`' }],
  },
  {
    method: 'get',
    path: '/api/customers',
    tag: 'customers',
    permission: 'customer.read',
    summary:
      'List customers: full-text `q`, filters, keyset pages (sort recent|name); `segment`/`compliance` are applied by their modules',
    query: customerListQuerySchema,
    responses: [page],
  },
  {
    method: 'post',
    path: '/api/customers',
    tag: 'customers',
    permission: 'customer.create',
    summary:
      'Create a customer; the response includes `possibleDuplicates` (SIRET, email, phone, similar name + postal code)',
    body: customerCreateSchema,
    responses: [{ status: 201, description: 'Client créé + possibleDuplicates' }],
  },
  {
    method: 'get',
    path: '/api/customers/{id}',
    tag: 'customers',
    permission: 'customer.read',
    summary:
      'Read a customer with contacts, vehicles and tags (an erased customer is returned anonymised with `erasedAt`)',
    responses: [customer],
  },
  {
    method: 'patch',
    path: '/api/customers/{id}',
    tag: 'customers',
    permission: 'customer.update',
    summary:
      'Partial update; `updatedAt` must be the version the edit is based on (409 when stale, 409 on an erased customer)',
    body: customerUpdateSchema,
    responses: [customer],
  },
  {
    method: 'delete',
    path: '/api/customers/{id}',
    tag: 'customers',
    permission: 'customer.delete',
    summary: 'GDPR erasure: personal data, children, documents and files removed; invoices and payments kept',
    responses: [noContent],
  },
  {
    method: 'post',
    path: '/api/customers/{id}/toggle-status',
    tag: 'customers',
    permission: 'customer.status',
    summary: 'Active ⇄ inactive',
    responses: [customer],
  },
  {
    method: 'post',
    path: '/api/customers/{id}/archive',
    tag: 'customers',
    permission: 'customer.update',
    summary: 'Archive or unarchive',
    body: archiveBodySchema,
    responses: [customer],
  },
  {
    method: 'get',
    path: '/api/customers/{id}/contacts',
    tag: 'contacts',
    permission: 'customer.read',
    summary: 'Contacts of a customer',
    responses: [list],
  },
  {
    method: 'post',
    path: '/api/customers/{id}/contacts',
    tag: 'contacts',
    permission: 'customer.field-update',
    summary: 'Add a contact (isPrimary demotes the other contacts)',
    body: contactCreateSchema,
    responses: [{ status: 201, description: 'Contact' }],
  },
  {
    method: 'get',
    path: '/api/customers/{id}/contacts/{contactId}',
    tag: 'contacts',
    permission: 'customer.read',
    summary: 'One contact (404 when it belongs to another customer)',
    responses: [{ status: 200, description: 'Contact' }],
  },
  {
    method: 'patch',
    path: '/api/customers/{id}/contacts/{contactId}',
    tag: 'contacts',
    permission: 'customer.field-update',
    summary: 'Partial update of a contact',
    body: contactUpdateSchema,
    responses: [{ status: 200, description: 'Contact' }],
  },
  {
    method: 'delete',
    path: '/api/customers/{id}/contacts/{contactId}',
    tag: 'contacts',
    permission: 'customer.field-update',
    summary: 'Delete a contact',
    responses: [noContent],
  },
  {
    method: 'get',
    path: '/api/customers/{id}/vehicles',
    tag: 'vehicles',
    permission: 'customer.read',
    summary: 'Vehicles of a customer',
    responses: [list],
  },
  {
    method: 'post',
    path: '/api/customers/{id}/vehicles',
    tag: 'vehicles',
    permission: 'customer.field-update',
    summary: 'Add a vehicle (plate or VIN required)',
    body: vehicleCreateSchema,
    responses: [{ status: 201, description: 'Véhicule' }],
  },
  {
    method: 'get',
    path: '/api/customers/{id}/vehicles/{vehicleId}',
    tag: 'vehicles',
    permission: 'customer.read',
    summary: 'One vehicle (404 when it belongs to another customer)',
    responses: [{ status: 200, description: 'Véhicule' }],
  },
  {
    method: 'patch',
    path: '/api/customers/{id}/vehicles/{vehicleId}',
    tag: 'vehicles',
    permission: 'customer.field-update',
    summary: 'Partial update of a vehicle',
    body: vehicleUpdateSchema,
    responses: [{ status: 200, description: 'Véhicule' }],
  },
  {
    method: 'delete',
    path: '/api/customers/{id}/vehicles/{vehicleId}',
    tag: 'vehicles',
    permission: 'customer.field-update',
    summary: 'Delete a vehicle',
    responses: [noContent],
  },
]);
