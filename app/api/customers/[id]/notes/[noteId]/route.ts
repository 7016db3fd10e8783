import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { parseId, parseJson } from '@/lib/http/parse';
import { json, noContent } from '@/lib/http/responses';
import { deleteNote, updateNote } from '@/lib/notes/mutations';
import { getNoteOrThrow, toNoteDto } from '@/lib/notes/queries';
import { noteUpdateSchema } from '@/lib/notes/schema';

type P = { id: string; noteId: string };

export const GET = withAuth<P>(
  async (_req, { params }) =>
    json(toNoteDto(await getNoteOrThrow(getDb(), parseId(params.id, 'Client'), parseId(params.noteId, 'Note')))),
  { permission: 'customer.read' },
);

/** `{ body?, pinned? }` — the author, a manager or an admin (403 otherwise). */
export const PATCH = withAuth<P>(
  async (req, { actor, params }) => {
    const id = parseId(params.id, 'Client');
    const noteId = parseId(params.noteId, 'Note');
    const input = await parseJson(req, noteUpdateSchema);
    return json(await updateNote(getDb(), actor, id, noteId, input));
  },
  { permission: 'customer.field-update' },
);

export const DELETE = withAuth<P>(
  async (_req, { actor, params }) => {
    await deleteNote(getDb(), actor, parseId(params.id, 'Client'), parseId(params.noteId, 'Note'));
    return noContent();
  },
  { permission: 'customer.field-update' },
);
