import { contactCreateSchema, contactUpdateSchema } from '@/lib/contacts/schema';
import { childCollectionRoutes } from '../registry';

export const {
  list: listContactsRoute,
  create: createContactRoute,
  get: getContactRoute,
  update: updateContactRoute,
  delete: deleteContactRoute,
} = childCollectionRoutes({
  tag: 'contacts',
  path: '/api/customers/{id}/contacts',
  param: 'contactId',
  plural: 'Contacts',
  one: 'contact',
  item: 'Contact',
  createSummary: 'Add a contact (isPrimary demotes the other contacts)',
  createSchema: contactCreateSchema,
  updateSchema: contactUpdateSchema,
});
