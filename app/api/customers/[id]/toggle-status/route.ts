import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { toggleCustomerStatus } from '@/lib/customers/mutations';
import { json } from '@/lib/http/responses';
import { toggleCustomerStatusRoute } from '@/lib/openapi/routes/customers';

export const POST = withAuth(toggleCustomerStatusRoute, async ({ actor, params }) =>
  json(await toggleCustomerStatus(getDb(), actor, params.id)),
);
