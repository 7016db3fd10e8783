import { contactCreateSchema, contactUpdateSchema } from '@/lib/contacts/schema';
import { defineRoute } from '../registry';

const contact = { status: 200, description: 'Contact' };

export const listContactsRoute = defineRoute({
  method: 'get',
  path: '/api/customers/{id}/contacts',
  tag: 'contacts',
  permission: 'customer.read',
  summary: 'Contacts of a customer',
  responses: [{ status: 200, description: '`{ data: [...] }`' }],
});

export const createContactRoute = defineRoute({
  method: 'post',
  path: '/api/customers/{id}/contacts',
  tag: 'contacts',
  permission: 'customer.field-update',
  summary: 'Add a contact (isPrimary demotes the other contacts)',
  body: contactCreateSchema,
  responses: [{ ...contact, status: 201 }],
});

export const getContactRoute = defineRoute({
  method: 'get',
  path: '/api/customers/{id}/contacts/{contactId}',
  tag: 'contacts',
  permission: 'customer.read',
  summary: 'One contact (404 when it belongs to another customer)',
  responses: [contact],
});

export const updateContactRoute = defineRoute({
  method: 'patch',
  path: '/api/customers/{id}/contacts/{contactId}',
  tag: 'contacts',
  permission: 'customer.field-update',
  summary: 'Partial update of a contact',
  body: contactUpdateSchema,
  responses: [contact],
});

export const deleteContactRoute = defineRoute({
  method: 'delete',
  path: '/api/customers/{id}/contacts/{contactId}',
  tag: 'contacts',
  permission: 'customer.field-update',
  summary: 'Delete a contact',
  responses: [{ status: 204, description: 'Supprimé.' }],
});
