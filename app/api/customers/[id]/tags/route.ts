import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { requireCustomer } from '@/lib/customers/guard';
import { json, noContent } from '@/lib/http/responses';
import { addCustomerTagRoute, listCustomerTagsRoute, removeCustomerTagByQueryRoute } from '@/lib/openapi/routes/tags';
import { addTagToCustomer, removeTagFromCustomer } from '@/lib/tags/mutations';
import { listCustomerTags } from '@/lib/tags/queries';

export const GET = withAuth(listCustomerTagsRoute, async ({ params }) => {
  const db = getDb();
  await requireCustomer(db, params.id, { allowErased: true });
  return json({ data: await listCustomerTags(db, params.id) });
});

/** `{ name, color? }` (created on the fly when unknown) or `{ tagId }` → 201 with the tag. */
export const POST = withAuth(addCustomerTagRoute, async ({ actor, params, body }) =>
  json(await addTagToCustomer(getDb(), actor, params.id, body), { status: 201 }),
);

/** `?tagId=` → 204 (same as DELETE /api/customers/{id}/tags/{tagId}). */
export const DELETE = withAuth(removeCustomerTagByQueryRoute, async ({ actor, params, query }) => {
  await removeTagFromCustomer(getDb(), actor, params.id, query.tagId);
  return noContent();
});
