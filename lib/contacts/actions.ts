'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { type ActionState, pickFormFields, runAction } from '@/lib/actions';
import { requireActionActor } from '@/lib/auth/session';
import type { ContactDto } from '@/lib/customers/types';
import { AppError, zodFieldErrors } from '@/lib/errors';
import { parseId } from '@/lib/http/parse';
import { createContact, deleteContact, updateContact } from './mutations';
import { contactCreateSchema, contactFields, contactUpdateSchema } from './schema';

const KEYS = Object.keys(contactFields);

export async function createContactAction(
  customerId: string,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState<ContactDto>> {
  return runAction(async () => {
    const actor = await requireActionActor('customer.field-update');
    const id = parseId(customerId, 'Client');
    const parsed = contactCreateSchema.safeParse(pickFormFields(formData, KEYS));
    if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
    const contact = await createContact(getDb(), actor, id, parsed.data);
    revalidatePath(`/customers/${id}`, 'layout');
    return { ok: true, message: 'Contact ajouté.', data: contact };
  });
}

/** The edit form posts the whole contact: an emptied field is cleared, an unchecked "principal" is false. */
export async function updateContactAction(
  customerId: string,
  contactId: string,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState<ContactDto>> {
  return runAction(async () => {
    const actor = await requireActionActor('customer.field-update');
    const id = parseId(customerId, 'Client');
    const childId = parseId(contactId, 'Contact');
    const input = pickFormFields(formData, [...KEYS, 'updatedAt'], {
      clearEmpty: ['role', 'email', 'phone'],
      falseWhenAbsent: ['isPrimary'],
    });
    if (formData.has('name') && input.name === undefined) input.name = '';
    const parsed = contactUpdateSchema.safeParse(input);
    if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
    const contact = await updateContact(getDb(), actor, id, childId, parsed.data);
    revalidatePath(`/customers/${id}`, 'layout');
    return { ok: true, message: 'Contact enregistré.', data: contact };
  });
}

export async function deleteContactAction(
  customerId: string,
  contactId: string,
  _prev: ActionState,
  _formData: FormData,
): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActionActor('customer.field-update');
    const id = parseId(customerId, 'Client');
    await deleteContact(getDb(), actor, id, parseId(contactId, 'Contact'));
    revalidatePath(`/customers/${id}`, 'layout');
    return { ok: true, message: 'Contact supprimé.' };
  });
}
