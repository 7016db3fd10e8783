'use server';

import { defineAction, reply } from '@/lib/define-action';
import { copyCustomer } from './copy';
import { copyBodySchema } from './copy-schema';

/**
 * Quick action "Dupliquer": bind the customer id; the copy's e-mail, phone and mobile, and `keepPhones`
 * (a checkbox). Opens the copy's edit form.
 */
export const copyCustomerAction = defineAction({
  permission: 'customer.duplicate',
  ids: ['Client'],
  form: (formData) => {
    const text = (key: string) => String(formData.get(key) ?? '').trim() || undefined;
    const keep = formData.get('keepPhones');
    return {
      email: text('email'),
      phone: text('phone'),
      mobile: text('mobile'),
      keepPhones: keep === 'on' || keep === 'true',
    };
  },
  schema: copyBodySchema,
  run: async ({ actor, ids: [id], input, db }) => {
    const copy = await copyCustomer(db, actor, id, input);
    return reply(`Client dupliqué : ${copy.number}.`, { id: copy.id });
  },
  revalidate: ([id]) => ['/customers', `/customers/${id}`],
  redirect: (_ids, value) => `/customers/${value.data?.id}/edit`,
});
