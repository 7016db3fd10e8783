import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { createTagRoute, listTagsRoute } from '@/lib/openapi/routes/tags';
import { createTag } from '@/lib/tags/mutations';
import { listTagsWithCounts } from '@/lib/tags/queries';

/** Every tag with `customerCount`, by name. */
export const GET = withAuth(listTagsRoute, async () => json({ data: await listTagsWithCounts(getDb()) }));

/** `{ name, color? }` → 201; 409 when the name exists in any letter case. */
export const POST = withAuth(createTagRoute, async ({ body }) => json(await createTag(getDb(), body), { status: 201 }));
