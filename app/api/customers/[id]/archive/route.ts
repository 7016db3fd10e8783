import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { archiveCustomer } from '@/lib/customers/mutations';
import { json } from '@/lib/http/responses';
import { archiveCustomerRoute } from '@/lib/openapi/routes/customers';

export const POST = withAuth(archiveCustomerRoute, async ({ actor, params, body }) =>
  json(await archiveCustomer(getDb(), actor, params.id, body.archived)),
);
