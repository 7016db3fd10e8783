'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { type ActionState, runAction } from '@/lib/actions';
import { requireActionActor } from '@/lib/auth/session';
import { parseId } from '@/lib/http/parse';
import { duplicateCustomer } from './duplicate';

/** Quick action "Dupliquer": bind the customer id; `keepPhones` is a checkbox. Opens the copy's edit form. */
export async function duplicateCustomerAction(
  id: string,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  let newId = '';
  const result = await runAction(async () => {
    const actor = await requireActionActor('customer.duplicate');
    const keep = formData.get('keepPhones');
    const copy = await duplicateCustomer(getDb(), actor, parseId(id, 'Client'), {
      keepPhones: keep === 'on' || keep === 'true',
    });
    newId = copy.id;
    revalidatePath('/customers');
    revalidatePath(`/customers/${id}`);
    return { ok: true, message: `Client dupliqué : ${copy.number}.`, data: { id: copy.id } };
  });
  // redirect() outside runAction's try/catch: it works by throwing.
  if (result.ok && newId) redirect(`/customers/${newId}/edit`);
  return result;
}
