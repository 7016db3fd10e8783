import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { duplicateCustomer } from '@/lib/customers/duplicate';
import { json } from '@/lib/http/responses';
import { duplicateCustomerRoute } from '@/lib/openapi/routes/customers';

/** POST /api/customers/{id}/duplicate (body optional: {keepPhones}; none = default options) → 201 {id, ...customer}. */
export const POST = withAuth(duplicateCustomerRoute, async ({ actor, params, body }) => {
  const copy = await duplicateCustomer(getDb(), actor, params.id, body ?? {});
  return json(copy, { status: 201, headers: { location: `/api/customers/${copy.id}` } });
});
