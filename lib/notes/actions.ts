'use server';

import { defineAction } from '@/lib/define-action';
import { createNote, deleteNote, setNotePinned, updateNote } from './mutations';
import { getNoteOrThrow } from './queries';
import { noteCreateSchema, noteUpdateSchema } from './schema';

const profilePage = ([customerId]: string[]) => [`/customers/${customerId}`];

export const createNoteAction = defineAction({
  permission: 'customer.field-update',
  ids: ['Client'],
  schema: noteCreateSchema,
  run: ({ actor, ids: [id], input, db }) => createNote(db, actor, id, input),
  message: 'Note ajoutée.',
  revalidate: profilePage,
});

export const updateNoteAction = defineAction({
  permission: 'customer.field-update',
  ids: ['Client', 'Note'],
  schema: noteUpdateSchema,
  run: ({ actor, ids: [id, noteId], input, db }) => updateNote(db, actor, id, noteId, input),
  message: 'Note enregistrée.',
  revalidate: profilePage,
});

/** Flips the pin; the form may send `pinned` to set an explicit state. */
export const togglePinNoteAction = defineAction({
  permission: 'customer.field-update',
  ids: ['Client', 'Note'],
  form: (formData) => formData.get('pinned'),
  run: async ({ actor, ids: [id, noteId], input, db }) => {
    const pinned =
      input === 'true' || input === 'false' ? input === 'true' : !(await getNoteOrThrow(db, id, noteId)).pinned;
    return setNotePinned(db, actor, id, noteId, pinned);
  },
  message: (note) => (note.pinned ? 'Note épinglée.' : 'Note désépinglée.'),
  revalidate: profilePage,
});

export const deleteNoteAction = defineAction({
  permission: 'customer.field-update',
  ids: ['Client', 'Note'],
  run: ({ actor, ids: [id, noteId], db }) => deleteNote(db, actor, id, noteId),
  message: 'Note supprimée.',
  revalidate: profilePage,
});
