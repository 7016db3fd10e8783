import { noteCreateSchema, noteListQuerySchema, noteUpdateSchema } from '@/lib/notes/schema';
import { defineRoute } from '../registry';

const note = {
  status: 200,
  description: 'Note `{id, customerId, body, pinned, author: {id, name}, createdAt, updatedAt}`',
};

export const listNotesRoute = defineRoute({
  method: 'get',
  path: '/api/customers/{id}/notes',
  tag: 'notes',
  permission: 'customer.read',
  summary: 'Notes of a customer, pinned first then newest; keyset pages `{ data, nextCursor }`',
  query: noteListQuerySchema,
  responses: [{ status: 200, description: 'Page de notes' }],
});

export const createNoteRoute = defineRoute({
  method: 'post',
  path: '/api/customers/{id}/notes',
  tag: 'notes',
  permission: 'customer.field-update',
  summary: 'Add a plain-text note (line breaks kept, never HTML)',
  body: noteCreateSchema,
  responses: [{ ...note, status: 201 }],
});

export const getNoteRoute = defineRoute({
  method: 'get',
  path: '/api/customers/{id}/notes/{noteId}',
  tag: 'notes',
  permission: 'customer.read',
  summary: 'One note (404 when it belongs to another customer)',
  responses: [note],
});

export const updateNoteRoute = defineRoute({
  method: 'patch',
  path: '/api/customers/{id}/notes/{noteId}',
  tag: 'notes',
  permission: 'customer.field-update',
  summary: 'Edit the text and/or pin; only the author, a manager or an admin (403 otherwise)',
  body: noteUpdateSchema,
  responses: [note],
});

export const deleteNoteRoute = defineRoute({
  method: 'delete',
  path: '/api/customers/{id}/notes/{noteId}',
  tag: 'notes',
  permission: 'customer.field-update',
  summary: 'Delete a note; only the author, a manager or an admin',
  responses: [{ status: 204, description: 'Supprimé.' }],
});
