'use server';

import { defineAction, reply } from '@/lib/define-action';
import { AppError } from '@/lib/errors';
import { parseId } from '@/lib/http/parse';
import { MERGE_FIELDS, type MergeChoices, mergeCustomers } from './merge';

/**
 * Merge form: hidden `survivorId` / `mergedId`, one radio per field named `field:<name>` with
 * value 'survivor' | 'merged'. Managers only (customer.update AND customer.duplicate).
 */
export const mergeCustomersAction = defineAction({
  permission: ['customer.update', 'customer.duplicate'],
  form: (formData) => {
    const survivorId = parseId(formData.get('survivorId'), 'Client');
    const mergedId = parseId(formData.get('mergedId'), 'Client');
    const choices: MergeChoices = {};
    for (const field of MERGE_FIELDS) {
      const v = formData.get(`field:${field}`);
      if (v === 'merged' || v === 'survivor') choices[field] = v;
      else if (v !== null) throw AppError.validation({ [field]: ['Choix invalide.'] });
    }
    return { survivorId, mergedId, choices };
  },
  run: async ({ actor, input, db }) => {
    const r = await mergeCustomers(db, actor, input.survivorId, input.mergedId, input.choices);
    return reply(`Fusion effectuée : ${r.mergedNumber} a été fusionné.`, { survivorId: r.survivorId });
  },
  revalidate: () => ['/customers', '/customers/duplicates'],
  redirect: (_ids, value) => `/customers/${value.data?.survivorId}`,
});
