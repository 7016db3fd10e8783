'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { type ActionState, runAction } from '@/lib/actions';
import { can } from '@/lib/auth/permissions';
import { requireActionActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { parseId } from '@/lib/http/parse';
import { MERGE_FIELDS, type MergeChoices, mergeCustomers } from './merge';

/**
 * Merge form: hidden `survivorId` / `mergedId`, one radio per field named `field:<name>` with
 * value 'survivor' | 'merged'. Managers only (customer.update AND customer.duplicate).
 */
export async function mergeCustomersAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let survivor = '';
  const result = await runAction(async () => {
    const actor = await requireActionActor('customer.update');
    if (!can(actor.role, 'customer.duplicate')) throw AppError.forbidden();
    const survivorId = parseId(formData.get('survivorId'), 'Client');
    const mergedId = parseId(formData.get('mergedId'), 'Client');
    const choices: MergeChoices = {};
    for (const field of MERGE_FIELDS) {
      const v = formData.get(`field:${field}`);
      if (v === 'merged' || v === 'survivor') choices[field] = v;
      else if (v !== null) throw AppError.validation({ [field]: ['Choix invalide.'] });
    }
    const r = await mergeCustomers(getDb(), actor, survivorId, mergedId, choices);
    survivor = r.survivorId;
    revalidatePath('/customers');
    revalidatePath('/customers/duplicates');
    return { ok: true, message: `Fusion effectuée : ${r.mergedNumber} a été fusionné.` };
  });
  if (result.ok && survivor) redirect(`/customers/${survivor}`);
  return result;
}
