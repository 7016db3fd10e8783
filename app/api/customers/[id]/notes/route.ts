import { getDb } from '@/db';
import { requireCustomer } from '@/lib/customers/guard';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { createNote } from '@/lib/notes/mutations';
import { listNotes } from '@/lib/notes/queries';
import { createNoteRoute, listNotesRoute } from '@/lib/openapi/routes/notes';

export const GET = withAuth(listNotesRoute, async ({ params, query }) => {
  const db = getDb();
  await requireCustomer(db, params.id, { allowErased: true });
  return json(await listNotes(db, params.id, query));
});

export const POST = withAuth(createNoteRoute, async ({ actor, params, body }) =>
  json(await createNote(getDb(), actor, params.id, body), { status: 201 }),
);
