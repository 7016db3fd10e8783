import { contactCreateSchema, contactUpdateSchema } from '@/lib/contacts/schema';
import { dataList, deleted, ok, routesOf } from '../registry';

const route = routesOf('contacts');

const contact = ok('Contact');

export const listContactsRoute = route.get('/api/customers/{id}/contacts', {
  permission: 'customer.read',
  summary: 'Contacts of a customer',
  responses: [dataList],
});

export const createContactRoute = route.post('/api/customers/{id}/contacts', {
  permission: 'customer.field-update',
  summary: 'Add a contact (isPrimary demotes the other contacts)',
  body: contactCreateSchema,
  responses: [{ ...contact, status: 201 }],
});

export const getContactRoute = route.get('/api/customers/{id}/contacts/{contactId}', {
  permission: 'customer.read',
  summary: 'One contact (404 when it belongs to another customer)',
  responses: [contact],
});

export const updateContactRoute = route.patch('/api/customers/{id}/contacts/{contactId}', {
  permission: 'customer.field-update',
  summary: 'Partial update of a contact',
  body: contactUpdateSchema,
  responses: [contact],
});

export const deleteContactRoute = route.delete('/api/customers/{id}/contacts/{contactId}', {
  permission: 'customer.field-update',
  summary: 'Delete a contact',
  responses: [deleted],
});
