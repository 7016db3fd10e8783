import { customerTagAddSchema, customerTagRemoveQuerySchema, tagCreateSchema } from '@/lib/tags/schema';
import { defineRoute } from '../registry';

const tag = { status: 201, description: 'Étiquette `{id, name, color}`' };
const removed = { status: 204, description: 'Supprimé.' };

export const listTagsRoute = defineRoute({
  method: 'get',
  path: '/api/tags',
  tag: 'tags',
  permission: 'customer.read',
  summary: 'Every tag with `customerCount`, by name',
  responses: [{ status: 200, description: '`{ data: [{id, name, color, customerCount}] }`' }],
});

export const createTagRoute = defineRoute({
  method: 'post',
  path: '/api/tags',
  tag: 'tags',
  permission: 'customer.update',
  summary: 'Create a tag (names unique case-insensitively: 409)',
  body: tagCreateSchema,
  responses: [tag],
});

export const listCustomerTagsRoute = defineRoute({
  method: 'get',
  path: '/api/customers/{id}/tags',
  tag: 'tags',
  permission: 'customer.read',
  summary: 'Tags of a customer',
  responses: [{ status: 200, description: '`{ data: [{id, name, color}] }`' }],
});

export const addCustomerTagRoute = defineRoute({
  method: 'post',
  path: '/api/customers/{id}/tags',
  tag: 'tags',
  permission: 'customer.update',
  summary:
    'Put a tag on a customer, by `tagId` or by `name` (created on the fly with `color` when unknown); idempotent',
  body: customerTagAddSchema,
  responses: [tag],
});

export const removeCustomerTagByQueryRoute = defineRoute({
  method: 'delete',
  path: '/api/customers/{id}/tags',
  tag: 'tags',
  permission: 'customer.update',
  summary: 'Remove a tag from a customer (`?tagId=`); 404 when the customer does not carry it',
  query: customerTagRemoveQuerySchema,
  responses: [removed],
});

export const removeCustomerTagRoute = defineRoute({
  method: 'delete',
  path: '/api/customers/{id}/tags/{tagId}',
  tag: 'tags',
  permission: 'customer.update',
  summary: 'Remove a tag from a customer',
  responses: [removed],
});
