'use server';

import { setCustomerLocation } from '@/lib/customers/geocode-on-save';
import { defineAction } from '@/lib/define-action';
import { locationBodySchema } from './api-schemas';

/** "Placer l'épingle": form fields `lat`, `lon` → precision 'manual'. */
export const setLocationAction = defineAction({
  permission: 'customer.field-update',
  ids: ['Client'],
  schema: locationBodySchema,
  run: ({ actor, ids: [id], input, db }) => setCustomerLocation(db, actor, id, input),
  message: 'Position enregistrée.',
  revalidate: ([id]) => [`/customers/${id}`],
});
