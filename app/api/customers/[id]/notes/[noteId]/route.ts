import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json, noContent } from '@/lib/http/responses';
import { deleteNote, updateNote } from '@/lib/notes/mutations';
import { getNoteOrThrow, toNoteDto } from '@/lib/notes/queries';
import { deleteNoteRoute, getNoteRoute, updateNoteRoute } from '@/lib/openapi/routes/notes';

export const GET = withAuth(getNoteRoute, async ({ params }) =>
  json(toNoteDto(await getNoteOrThrow(getDb(), params.id, params.noteId))),
);

/** `{ body?, pinned? }` — the author, a manager or an admin (403 otherwise). */
export const PATCH = withAuth(updateNoteRoute, async ({ actor, params, body }) =>
  json(await updateNote(getDb(), actor, params.id, params.noteId, body)),
);

export const DELETE = withAuth(deleteNoteRoute, async ({ actor, params }) => {
  await deleteNote(getDb(), actor, params.id, params.noteId);
  return noContent();
});
