import { noteCreateSchema, noteListQuerySchema, noteUpdateSchema } from '@/lib/notes/schema';
import { deleted, ok, routesOf } from '../registry';

const route = routesOf('notes');

const note = {
  status: 200,
  description: 'Note `{id, customerId, body, pinned, author: {id, name}, createdAt, updatedAt}`',
};

export const listNotesRoute = route.get('/api/customers/{id}/notes', {
  permission: 'customer.read',
  summary: 'Notes of a customer, pinned first then newest; keyset pages `{ data, nextCursor }`',
  query: noteListQuerySchema,
  responses: [ok('Page de notes')],
});

export const createNoteRoute = route.post('/api/customers/{id}/notes', {
  permission: 'customer.field-update',
  summary: 'Add a plain-text note (line breaks kept, never HTML)',
  body: noteCreateSchema,
  responses: [{ ...note, status: 201 }],
});

export const getNoteRoute = route.get('/api/customers/{id}/notes/{noteId}', {
  permission: 'customer.read',
  summary: 'One note (404 when it belongs to another customer)',
  responses: [note],
});

export const updateNoteRoute = route.patch('/api/customers/{id}/notes/{noteId}', {
  permission: 'customer.field-update',
  summary: 'Edit the text and/or pin; only the author, a manager or an admin (403 otherwise)',
  body: noteUpdateSchema,
  responses: [note],
});

export const deleteNoteRoute = route.delete('/api/customers/{id}/notes/{noteId}', {
  permission: 'customer.field-update',
  summary: 'Delete a note; only the author, a manager or an admin',
  responses: [deleted],
});
