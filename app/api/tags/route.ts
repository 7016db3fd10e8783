import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { parseJson } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';
import { createTag } from '@/lib/tags/mutations';
import { listTagsWithCounts } from '@/lib/tags/queries';
import { tagCreateSchema } from '@/lib/tags/schema';

/** Every tag with `customerCount`, by name. */
export const GET = withAuth(async () => json({ data: await listTagsWithCounts(getDb()) }), {
  permission: 'customer.read',
});

/** `{ name, color? }` → 201; 409 when the name exists in any letter case. */
export const POST = withAuth(
  async (req) => json(await createTag(getDb(), await parseJson(req, tagCreateSchema)), { status: 201 }),
  { permission: 'customer.update' },
);
