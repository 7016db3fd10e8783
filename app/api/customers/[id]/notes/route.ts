import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { parseId, parseJson, parseQuery } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';
import { createNote } from '@/lib/notes/mutations';
import { assertCustomerExists, listNotes } from '@/lib/notes/queries';
import { noteCreateSchema, noteListQuerySchema } from '@/lib/notes/schema';

type P = { id: string };

export const GET = withAuth<P>(
  async (req, { params }) => {
    const id = parseId(params.id, 'Client');
    const query = parseQuery(req, noteListQuerySchema);
    const db = getDb();
    await assertCustomerExists(db, id);
    return json(await listNotes(db, id, query));
  },
  { permission: 'customer.read' },
);

export const POST = withAuth<P>(
  async (req, { actor, params }) => {
    const id = parseId(params.id, 'Client');
    const input = await parseJson(req, noteCreateSchema);
    return json(await createNote(getDb(), actor, id, input), { status: 201 });
  },
  { permission: 'customer.field-update' },
);
