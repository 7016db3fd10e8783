import { customerTagAddSchema, customerTagRemoveQuerySchema, tagCreateSchema } from '@/lib/tags/schema';
import { created, deleted, ok, routesOf } from '../registry';

const route = routesOf('tags');

const tag = created('Étiquette `{id, name, color}`');

export const listTagsRoute = route.get('/api/tags', {
  permission: 'customer.read',
  summary: 'Every tag with `customerCount`, by name',
  responses: [ok('`{ data: [{id, name, color, customerCount}] }`')],
});

export const createTagRoute = route.post('/api/tags', {
  permission: 'customer.update',
  summary: 'Create a tag (names unique case-insensitively: 409)',
  body: tagCreateSchema,
  responses: [tag],
});

export const listCustomerTagsRoute = route.get('/api/customers/{id}/tags', {
  permission: 'customer.read',
  summary: 'Tags of a customer',
  responses: [ok('`{ data: [{id, name, color}] }`')],
});

export const addCustomerTagRoute = route.post('/api/customers/{id}/tags', {
  permission: 'customer.update',
  summary:
    'Put a tag on a customer, by `tagId` or by `name` (created on the fly with `color` when unknown); idempotent',
  body: customerTagAddSchema,
  responses: [tag],
});

export const removeCustomerTagByQueryRoute = route.delete('/api/customers/{id}/tags', {
  permission: 'customer.update',
  summary: 'Remove a tag from a customer (`?tagId=`); 404 when the customer does not carry it',
  query: customerTagRemoveQuerySchema,
  responses: [deleted],
});

export const removeCustomerTagRoute = route.delete('/api/customers/{id}/tags/{tagId}', {
  permission: 'customer.update',
  summary: 'Remove a tag from a customer',
  responses: [deleted],
});
