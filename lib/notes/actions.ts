'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { type ActionState, formDataToObject, runAction } from '@/lib/actions';
import { requireActionActor } from '@/lib/auth/session';
import { AppError, zodFieldErrors } from '@/lib/errors';
import { parseId } from '@/lib/http/parse';
import { createNote, deleteNote, setNotePinned, updateNote } from './mutations';
import { getNoteOrThrow } from './queries';
import { noteCreateSchema, noteUpdateSchema, type NoteDto } from './schema';

const profilePath = (customerId: string) => `/customers/${customerId}`;

export async function createNoteAction(
  customerId: string,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState<NoteDto>> {
  return runAction(async () => {
    const actor = await requireActionActor('customer.field-update');
    const parsed = noteCreateSchema.safeParse(formDataToObject(formData));
    if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
    const note = await createNote(getDb(), actor, parseId(customerId, 'Client'), parsed.data);
    revalidatePath(profilePath(customerId));
    return { ok: true, message: 'Note ajoutée.', data: note };
  });
}

export async function updateNoteAction(
  customerId: string,
  noteId: string,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState<NoteDto>> {
  return runAction(async () => {
    const actor = await requireActionActor('customer.field-update');
    const parsed = noteUpdateSchema.safeParse(formDataToObject(formData));
    if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
    const note = await updateNote(getDb(), actor, parseId(customerId, 'Client'), parseId(noteId, 'Note'), parsed.data);
    revalidatePath(profilePath(customerId));
    return { ok: true, message: 'Note enregistrée.', data: note };
  });
}

/** Flips the pin; the form may send `pinned` to set an explicit state. */
export async function togglePinNoteAction(
  customerId: string,
  noteId: string,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState<NoteDto>> {
  return runAction(async () => {
    const actor = await requireActionActor('customer.field-update');
    const cid = parseId(customerId, 'Client');
    const nid = parseId(noteId, 'Note');
    const raw = formData.get('pinned');
    let pinned: boolean;
    if (raw === 'true' || raw === 'false') pinned = raw === 'true';
    else {
      pinned = !(await getNoteOrThrow(getDb(), cid, nid)).pinned;
    }
    const note = await setNotePinned(getDb(), actor, cid, nid, pinned);
    revalidatePath(profilePath(customerId));
    return { ok: true, message: note.pinned ? 'Note épinglée.' : 'Note désépinglée.', data: note };
  });
}

export async function deleteNoteAction(
  customerId: string,
  noteId: string,
  _prev: ActionState,
  _formData: FormData,
): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActionActor('customer.field-update');
    await deleteNote(getDb(), actor, parseId(customerId, 'Client'), parseId(noteId, 'Note'));
    revalidatePath(profilePath(customerId));
    return { ok: true, message: 'Note supprimée.' };
  });
}
