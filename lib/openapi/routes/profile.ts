import { geocodeQuerySchema, locationBodySchema, postalCodeQuerySchema } from '@/lib/geo/api-schemas';
import { nearbyQuerySchema } from '@/lib/geo/nearby';
import { noteCreateSchema, noteListQuerySchema, noteUpdateSchema } from '@/lib/notes/schema';
import { customerTagAddSchema, customerTagRemoveQuerySchema, tagCreateSchema } from '@/lib/tags/schema';
import { registerRoutes } from '../registry';

const noContent = { status: 204, description: 'Supprimé.' };
const note = {
  status: 200,
  description: 'Note `{id, customerId, body, pinned, author: {id, name}, createdAt, updatedAt}`',
};
const tag = { status: 201, description: 'Étiquette `{id, name, color}`' };

registerRoutes([
  {
    method: 'get',
    path: '/api/customers/{id}/notes',
    tag: 'notes',
    permission: 'customer.read',
    summary: 'Notes of a customer, pinned first then newest; keyset pages `{ data, nextCursor }`',
    query: noteListQuerySchema,
    responses: [{ status: 200, description: 'Page de notes' }],
  },
  {
    method: 'post',
    path: '/api/customers/{id}/notes',
    tag: 'notes',
    permission: 'customer.field-update',
    summary: 'Add a plain-text note (line breaks kept, never HTML)',
    body: noteCreateSchema,
    responses: [{ ...note, status: 201 }],
  },
  {
    method: 'get',
    path: '/api/customers/{id}/notes/{noteId}',
    tag: 'notes',
    permission: 'customer.read',
    summary: 'One note (404 when it belongs to another customer)',
    responses: [note],
  },
  {
    method: 'patch',
    path: '/api/customers/{id}/notes/{noteId}',
    tag: 'notes',
    permission: 'customer.field-update',
    summary: 'Edit the text and/or pin; only the author, a manager or an admin (403 otherwise)',
    body: noteUpdateSchema,
    responses: [note],
  },
  {
    method: 'delete',
    path: '/api/customers/{id}/notes/{noteId}',
    tag: 'notes',
    permission: 'customer.field-update',
    summary: 'Delete a note; only the author, a manager or an admin',
    responses: [noContent],
  },
  {
    method: 'get',
    path: '/api/tags',
    tag: 'tags',
    permission: 'customer.read',
    summary: 'Every tag with `customerCount`, by name',
    responses: [{ status: 200, description: '`{ data: [{id, name, color, customerCount}] }`' }],
  },
  {
    method: 'post',
    path: '/api/tags',
    tag: 'tags',
    permission: 'customer.update',
    summary: 'Create a tag (names unique case-insensitively: 409)',
    body: tagCreateSchema,
    responses: [tag],
  },
  {
    method: 'get',
    path: '/api/customers/{id}/tags',
    tag: 'tags',
    permission: 'customer.read',
    summary: 'Tags of a customer',
    responses: [{ status: 200, description: '`{ data: [{id, name, color}] }`' }],
  },
  {
    method: 'post',
    path: '/api/customers/{id}/tags',
    tag: 'tags',
    permission: 'customer.update',
    summary:
      'Put a tag on a customer, by `tagId` or by `name` (created on the fly with `color` when unknown); idempotent',
    body: customerTagAddSchema,
    responses: [tag],
  },
  {
    method: 'delete',
    path: '/api/customers/{id}/tags',
    tag: 'tags',
    permission: 'customer.update',
    summary: 'Remove a tag from a customer (`?tagId=`); 404 when the customer does not carry it',
    query: customerTagRemoveQuerySchema,
    responses: [noContent],
  },
  {
    method: 'delete',
    path: '/api/customers/{id}/tags/{tagId}',
    tag: 'tags',
    permission: 'customer.update',
    summary: 'Remove a tag from a customer',
    responses: [noContent],
  },
  {
    method: 'get',
    path: '/api/postal-codes',
    tag: 'geo',
    permission: null,
    summary:
      'French postal code / commune suggestions (offline data; prefix of the code or of the name, accent-insensitive)',
    query: postalCodeQuerySchema,
    responses: [{ status: 200, description: '`{ data: [{postalCode, city, inseeCode, latitude, longitude}] }`' }],
  },
  {
    method: 'get',
    path: '/api/geocode',
    tag: 'geo',
    permission: null,
    summary:
      'Geocode a French address: BAN geocoder when configured (cached), else the commune centre (`precision: commune`)',
    query: geocodeQuerySchema,
    responses: [
      { status: 200, description: '`{latitude, longitude, precision, source, label}`' },
      { status: 404, description: 'Adresse inconnue' },
    ],
  },
  {
    method: 'get',
    path: '/api/customers/nearby',
    tag: 'geo',
    permission: 'customer.read',
    summary: 'Customers within `radiusKm` of a point, nearest first (bounding box on an index, exact haversine)',
    query: nearbyQuerySchema,
    responses: [{ status: 200, description: '`{ data: [{...customer summary, distanceKm}] }`' }],
  },
  {
    method: 'put',
    path: '/api/customers/{id}/location',
    tag: 'geo',
    permission: 'customer.field-update',
    summary: 'Manual pin correction: stores the position with `geocodePrecision: manual`',
    body: locationBodySchema,
    responses: [{ status: 200, description: '`{latitude, longitude, geocodePrecision, geocodeSource, agency}`' }],
  },
]);
