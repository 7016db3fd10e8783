'use server';

import { meaningfulFilters, pickListParams } from '@/lib/customers/list-url';
import { defineAction, reply } from '@/lib/define-action';
import { createSavedView, deleteSavedView, updateSavedView } from './mutations';
import { savedViewCreateSchema, savedViewUpdateSchema } from './schema';

const optional = (value: FormDataEntryValue | null) => (value === null ? undefined : value);

/**
 * « Enregistrer la vue » on the customer list. Fields: `name`, `query` (the list address's query string:
 * its filters are kept, the page cursor and size are not) and the optional `shared` checkbox.
 */
export const createSavedViewAction = defineAction({
  permission: 'customer.read',
  form: (formData) => ({
    name: formData.get('name'),
    filters: meaningfulFilters(
      pickListParams(Object.fromEntries(new URLSearchParams(String(formData.get('query') ?? '')))),
    ),
    shared: optional(formData.get('shared')),
  }),
  schema: savedViewCreateSchema,
  run: ({ actor, input, db }) => createSavedView(db, actor, input),
  message: (view) => `Vue « ${view.name} » enregistrée.`,
  revalidate: () => ['/customers'],
});

/** Rename (`name`) and/or share or unshare (`shared`: true / false). */
export const updateSavedViewAction = defineAction({
  permission: 'customer.read',
  ids: ['Vue'],
  form: (formData) => ({ name: optional(formData.get('name')), shared: optional(formData.get('shared')) }),
  schema: savedViewUpdateSchema,
  run: async ({ actor, ids: [id], input, db }) => {
    const view = await updateSavedView(db, actor, id, input);
    const message =
      input.shared === true
        ? `Vue « ${view.name} » partagée avec toute l’équipe.`
        : input.shared === false
          ? `La vue « ${view.name} » n’est plus partagée.`
          : `Vue renommée : « ${view.name} ».`;
    return reply(message, view);
  },
  revalidate: () => ['/customers'],
});

export const deleteSavedViewAction = defineAction({
  permission: 'customer.read',
  ids: ['Vue'],
  run: ({ actor, ids: [id], db }) => deleteSavedView(db, actor, id),
  message: 'Vue supprimée.',
  revalidate: () => ['/customers'],
});
