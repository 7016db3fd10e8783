import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { parseId, parseJson, parseQuery } from '@/lib/http/parse';
import { json, noContent } from '@/lib/http/responses';
import { assertCustomerExists } from '@/lib/notes/queries';
import { addTagToCustomer, removeTagFromCustomer } from '@/lib/tags/mutations';
import { listCustomerTags } from '@/lib/tags/queries';
import { customerTagAddSchema, customerTagRemoveQuerySchema } from '@/lib/tags/schema';

type P = { id: string };

export const GET = withAuth<P>(
  async (_req, { params }) => {
    const id = parseId(params.id, 'Client');
    const db = getDb();
    await assertCustomerExists(db, id);
    return json({ data: await listCustomerTags(db, id) });
  },
  { permission: 'customer.read' },
);

/** `{ name, color? }` (created on the fly when unknown) or `{ tagId }` → 201 with the tag. */
export const POST = withAuth<P>(
  async (req, { actor, params }) => {
    const id = parseId(params.id, 'Client');
    const input = await parseJson(req, customerTagAddSchema);
    return json(await addTagToCustomer(getDb(), actor, id, input), { status: 201 });
  },
  { permission: 'customer.update' },
);

/** `?tagId=` → 204 (same as DELETE /api/customers/{id}/tags/{tagId}). */
export const DELETE = withAuth<P>(
  async (req, { actor, params }) => {
    const id = parseId(params.id, 'Client');
    const { tagId } = parseQuery(req, customerTagRemoveQuerySchema);
    await removeTagFromCustomer(getDb(), actor, id, tagId);
    return noContent();
  },
  { permission: 'customer.update' },
);
