import 'server-only';
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { Tx } from '@/db';
import { customerContacts } from '@/db/schema';
import { pickFormFields } from '@/lib/actions';
import { collectionEndpoints } from '@/lib/children/collection-actions';
import { defineChildCollection } from '@/lib/children/collection';
import { serializeContact } from '@/lib/customers/serialize';
import { contactCreateSchema, contactFields, contactUpdateSchema } from './schema';

/** Only one primary contact per customer: making one primary demotes the others (same transaction). */
async function demoteOthers(tx: Tx, customerId: string, keepId: string) {
  await tx
    .update(customerContacts)
    .set({ isPrimary: false })
    .where(
      and(
        eq(customerContacts.customerId, customerId),
        ne(customerContacts.id, keepId),
        eq(customerContacts.isPrimary, true),
      ),
    );
}

export const contacts = defineChildCollection({
  table: customerContacts,
  labels: {
    one: 'Contact',
    added: 'Contact ajouté',
    updated: 'Contact modifié',
    deleted: 'Contact supprimé',
    saved: 'Contact enregistré',
    stale: "Ce contact a été modifié par quelqu'un d'autre. Rechargez la page.",
  },
  relatedType: 'contact',
  fields: ['name', 'role', 'email', 'phone', 'isPrimary'],
  createSchema: contactCreateSchema,
  updateSchema: contactUpdateSchema,
  serialize: serializeContact,
  describe: (row) => row.name,
  // Primary contact first, then by creation.
  orderBy: [desc(customerContacts.isPrimary), asc(customerContacts.createdAt), asc(customerContacts.id)],
  hooks: {
    afterCreate: async (tx, row) => {
      if (row.isPrimary) await demoteOthers(tx, row.customerId, row.id);
    },
    afterUpdate: async (tx, row, before) => {
      if (row.isPrimary && !before.isPrimary) await demoteOthers(tx, row.customerId, row.id);
    },
  },
});

const KEYS = Object.keys(contactFields);

export const contactEndpoints = collectionEndpoints(contacts, {
  param: 'contactId',
  write: 'customer.field-update',
  form: {
    create: { keys: KEYS },
    // The edit form posts the whole contact: an emptied field is cleared, an unchecked "principal" is false.
    update: (formData) => {
      const input = pickFormFields(formData, [...KEYS, 'updatedAt'], {
        clearEmpty: ['role', 'email', 'phone'],
        falseWhenAbsent: ['isPrimary'],
      });
      if (formData.has('name') && input.name === undefined) input.name = '';
      return input;
    },
  },
});
