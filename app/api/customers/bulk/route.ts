import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { runCustomerBulk } from '@/lib/customers/bulk';
import { json } from '@/lib/http/responses';
import { bulkCustomersRoute } from '@/lib/openapi/routes/customers';

/** `{ action: 'archive' | 'tag.add' | 'tag.remove', ids, tag? }` — one transaction, one activity per customer changed. */
export const POST = withAuth(bulkCustomersRoute, async ({ actor, body }) =>
  json(await runCustomerBulk(getDb(), actor, body)),
);
