import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { customerListExtraWhere } from '@/lib/customers/list-filters';
import { createCustomer } from '@/lib/customers/mutations';
import { listCustomers } from '@/lib/customers/queries';
import { json } from '@/lib/http/responses';
import { createCustomerRoute, listCustomersRoute } from '@/lib/openapi/routes/customers';

/** `segment` (RFM, analytics module) and `compliance=issues` (consents module) arrive as extra conditions. */
export const GET = withAuth(listCustomersRoute, async ({ actor, query }) => {
  const db = getDb();
  return json(await listCustomers(db, query, await customerListExtraWhere(db, actor, query)));
});

export const POST = withAuth(createCustomerRoute, async ({ actor, body, query }) => {
  const { customer, possibleDuplicates } = await createCustomer(getDb(), actor, body, {
    confirmErased: query.confirmErased,
  });
  return json({ ...customer, possibleDuplicates }, { status: 201 });
});
