import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { copyCustomer } from '@/lib/customers/copy';
import { json } from '@/lib/http/responses';
import { copyCustomerRoute } from '@/lib/openapi/routes/customers';

/** POST /api/customers/{id}/duplicate `{email?, phone?, mobile?, keepPhones?}` (one way to reach the copy) → 201 {id, ...customer}. */
export const POST = withAuth(copyCustomerRoute, async ({ actor, params, body }) => {
  const copy = await copyCustomer(getDb(), actor, params.id, body ?? {});
  return json(copy, { status: 201, headers: { location: `/api/customers/${copy.id}` } });
});
