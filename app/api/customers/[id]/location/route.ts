import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { setCustomerLocation } from '@/lib/customers/geocode-on-save';
import { json } from '@/lib/http/responses';
import { setCustomerLocationRoute } from '@/lib/openapi/routes/geo';

/** Manual pin correction `{ lat, lon }` → stored with precision 'manual'. */
export const PUT = withAuth(setCustomerLocationRoute, async ({ actor, params, body }) =>
  json(await setCustomerLocation(getDb(), actor, params.id, body)),
);
