'use server';

import { defineAction, reply } from '@/lib/define-action';
import { copyCustomer } from './copy';

/** Quick action "Dupliquer": bind the customer id; `keepPhones` is a checkbox. Opens the copy's edit form. */
export const copyCustomerAction = defineAction({
  permission: 'customer.duplicate',
  ids: ['Client'],
  form: (formData) => formData.get('keepPhones'),
  run: async ({ actor, ids: [id], input, db }) => {
    const copy = await copyCustomer(db, actor, id, { keepPhones: input === 'on' || input === 'true' });
    return reply(`Client dupliqué : ${copy.number}.`, { id: copy.id });
  },
  revalidate: ([id]) => ['/customers', `/customers/${id}`],
  redirect: (_ids, value) => `/customers/${value.data?.id}/edit`,
});
