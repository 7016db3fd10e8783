'use server';

import { can } from '@/lib/auth/permissions';
import { defineAction, reply } from '@/lib/define-action';
import { AppError } from '@/lib/errors';
import { runCustomerBulk } from './bulk';
import { customerBulkSchema } from './bulk-schema';
import { withRuleErrors } from './form';
import {
  archiveCustomer,
  createCustomer,
  eraseCustomerWithFiles,
  findPossibleDuplicates,
  type PossibleDuplicate,
  toggleCustomerStatus,
  updateCustomer,
} from './mutations';
import { customerCreateSchema, customerFields, customerRuleIssues, customerUpdateSchema } from './schema';

const FIELD_KEYS = Object.keys(customerFields);
// Fields a user may empty in the edit form (kind is required; country falls back to its value).
const CLEARABLE = FIELD_KEYS.filter((k) => k !== 'kind' && k !== 'country');
const customerPages = (id: string) => [[`/customers/${id}`, 'layout'] as [string, 'layout'], '/customers'];

type CreateData = {
  possibleDuplicates?: PossibleDuplicate[];
  erasedPerson?: { canConfirm: boolean };
  id?: string;
};

export const createCustomerAction = defineAction({
  permission: 'customer.create',
  form: { keys: FIELD_KEYS },
  schema: customerCreateSchema,
  // zod skips the object rules while a field is invalid: show every problem at once.
  fieldErrors: (fields, raw) =>
    withRuleErrors(raw as Record<string, unknown>, fields, (c) => customerRuleIssues(c as never)),
  run: async ({ actor, input, formData, db }) => {
    if (formData.get('confirmDuplicates') !== '1') {
      const possibleDuplicates = await findPossibleDuplicates(db, input);
      if (possibleDuplicates.length)
        return reply<CreateData>('Des clients similaires existent déjà.', { possibleDuplicates }, false);
    }
    // An erased person (README "Security"): refused, unless an admin confirms with confirmErased=1.
    try {
      const { customer } = await createCustomer(db, actor, input, {
        confirmErased: formData.get('confirmErased') === '1',
      });
      return reply<CreateData>('Client créé.', { id: customer.id });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'erased_person') throw error;
      return reply<CreateData>(
        error.message,
        { erasedPerson: { canConfirm: can(actor.role, 'customer.delete') } },
        false,
      );
    }
  },
  revalidate: (_ids, value) => (value.ok ? ['/customers'] : []),
  redirect: (_ids, value) => (value.data?.id ? `/customers/${value.data.id}` : undefined),
});

export const updateCustomerAction = defineAction({
  permission: 'customer.update',
  ids: ['Client'],
  form: { keys: [...FIELD_KEYS, 'updatedAt'], clearEmpty: CLEARABLE },
  schema: customerUpdateSchema,
  run: async ({ actor, ids: [id], input, db }) => {
    await updateCustomer(db, actor, id, input);
  },
  message: 'Client enregistré.',
  revalidate: ([id]) => customerPages(id),
  redirect: ([id]) => `/customers/${id}`,
});

export const toggleStatusAction = defineAction({
  permission: 'customer.status',
  ids: ['Client'],
  run: async ({ actor, ids: [id], db }) => {
    const customer = await toggleCustomerStatus(db, actor, id);
    return reply(customer.status === 'active' ? 'Client réactivé.' : 'Client désactivé.', { status: customer.status });
  },
  revalidate: ([id]) => customerPages(id),
});

export const archiveCustomerAction = defineAction({
  permission: 'customer.update',
  ids: ['Client'],
  form: (formData) => formData.get('archived'),
  run: async ({ actor, ids: [id], input, db }) => {
    if (input !== '1' && input !== '0') throw AppError.validation({ archived: ['Valeur attendue : 1 ou 0.'] });
    const customer = await archiveCustomer(db, actor, id, input === '1');
    return reply(customer.archivedAt ? 'Client archivé.' : 'Client désarchivé.', { archivedAt: customer.archivedAt });
  },
  revalidate: ([id]) => customerPages(id),
});

/**
 * « Actions groupées » of the list: fields `action`, `ids` (repeated) and `tag` for the tag actions; the
 * route handler's schema and mutation. The answer carries the counts and the French summary.
 */
export const bulkCustomersAction = defineAction({
  permission: 'customer.update',
  form: (formData) => ({
    action: formData.get('action'),
    ids: formData.getAll('ids'),
    ...(formData.has('tag') ? { tag: formData.get('tag') } : {}),
  }),
  schema: customerBulkSchema,
  run: async ({ actor, input, db }) => {
    const result = await runCustomerBulk(db, actor, input);
    return reply(result.message, result);
  },
  revalidate: () => [['/customers', 'layout']],
});

/** GDPR erasure (admin): personal data removed, invoices and payments kept; files removed after commit. */
export const deleteCustomerAction = defineAction({
  permission: 'customer.delete',
  ids: ['Client'],
  run: async ({ actor, ids: [id], db }) => {
    await eraseCustomerWithFiles(db, actor, id);
  },
  message: 'Données personnelles du client effacées.',
  revalidate: ([id]) => customerPages(id),
  redirect: () => '/customers',
});
