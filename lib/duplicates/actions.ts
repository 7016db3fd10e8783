'use server';

import { defineAction, reply } from '@/lib/define-action';
import { AppError } from '@/lib/errors';
import { parseId } from '@/lib/http/parse';
import { dismissalBodySchema, dismissPair, restorePair } from './dismissals';
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

/** « Pas un doublon » on the duplicates page: bound to the first customer, `otherId` in the form. */
export const dismissPairAction = defineAction({
  permission: ['customer.update', 'customer.duplicate'],
  ids: ['Client'],
  schema: dismissalBodySchema,
  form: { keys: ['otherId'] },
  run: ({ actor, ids: [id], input, db }) => dismissPair(db, actor, id, input.otherId),
  message: 'Paire écartée : elle ne sera plus proposée.',
  revalidate: ([id], r) => ['/customers/duplicates', `/customers/${id}/activity`, `/customers/${r.otherId}/activity`],
});

/** « Rétablir » in « Paires écartées »: the pair may be proposed again. */
export const restorePairAction = defineAction({
  permission: ['customer.update', 'customer.duplicate'],
  ids: ['Client'],
  schema: dismissalBodySchema,
  form: { keys: ['otherId'] },
  run: ({ actor, ids: [id], input, db }) => restorePair(db, actor, id, input.otherId),
  message: 'Paire rétablie dans les doublons possibles.',
  revalidate: ([id], r) => ['/customers/duplicates', `/customers/${id}/activity`, `/customers/${r.otherId}/activity`],
});
