'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { type ActionState, formDataToObject, runAction } from '@/lib/actions';
import { requireActionActor } from '@/lib/auth/session';
import type { TagDto } from '@/lib/customers/types';
import { AppError, zodFieldErrors } from '@/lib/errors';
import { parseId } from '@/lib/http/parse';
import { addTagToCustomer, createTag, removeTagFromCustomer } from './mutations';
import { customerTagAddSchema, tagCreateSchema } from './schema';

export async function createTagAction(_prev: ActionState, formData: FormData): Promise<ActionState<TagDto>> {
  return runAction(async () => {
    await requireActionActor('customer.update');
    const parsed = tagCreateSchema.safeParse(formDataToObject(formData));
    if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
    const tag = await createTag(getDb(), parsed.data);
    revalidatePath('/customers');
    return { ok: true, message: `Étiquette « ${tag.name} » créée.`, data: tag };
  });
}

/** Form fields: `name` (+ optional `color`) or `tagId`. Unknown names are created on the fly. */
export async function addTagAction(
  customerId: string,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState<TagDto>> {
  return runAction(async () => {
    const actor = await requireActionActor('customer.update');
    const parsed = customerTagAddSchema.safeParse(formDataToObject(formData));
    if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
    const tag = await addTagToCustomer(getDb(), actor, parseId(customerId, 'Client'), parsed.data);
    revalidatePath(`/customers/${customerId}`);
    return { ok: true, message: `Étiquette « ${tag.name} » ajoutée.`, data: tag };
  });
}

export async function removeTagAction(
  customerId: string,
  tagId: string,
  _prev: ActionState,
  _formData: FormData,
): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActionActor('customer.update');
    await removeTagFromCustomer(getDb(), actor, parseId(customerId, 'Client'), parseId(tagId, 'Étiquette'));
    revalidatePath(`/customers/${customerId}`);
    return { ok: true, message: 'Étiquette retirée.' };
  });
}
