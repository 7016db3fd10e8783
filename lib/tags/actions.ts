'use server';

import { defineAction } from '@/lib/define-action';
import { addTagToCustomer, createTag, removeTagFromCustomer } from './mutations';
import { customerTagAddSchema, tagCreateSchema } from './schema';

export const createTagAction = defineAction({
  permission: 'customer.update',
  schema: tagCreateSchema,
  run: ({ input, db }) => createTag(db, input),
  message: (tag) => `Étiquette « ${tag.name} » créée.`,
  revalidate: () => ['/customers'],
});

/** Form fields: `name` (+ optional `color`) or `tagId`. Unknown names are created on the fly. */
export const addTagAction = defineAction({
  permission: 'customer.update',
  ids: ['Client'],
  schema: customerTagAddSchema,
  run: ({ actor, ids: [id], input, db }) => addTagToCustomer(db, actor, id, input),
  message: (tag) => `Étiquette « ${tag.name} » ajoutée.`,
  revalidate: ([id]) => [`/customers/${id}`],
});

export const removeTagAction = defineAction({
  permission: 'customer.update',
  ids: ['Client', 'Étiquette'],
  run: ({ actor, ids: [id, tagId], db }) => removeTagFromCustomer(db, actor, id, tagId),
  message: 'Étiquette retirée.',
  revalidate: ([id]) => [`/customers/${id}`],
});
