import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { setCustomerLocation } from '@/lib/customers/geocode-on-save';
import { locationBodySchema } from '@/lib/geo/api-schemas';
import { parseId, parseJson } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

/** Manual pin correction `{ lat, lon }` → stored with precision 'manual'. */
export const PUT = withAuth<{ id: string }>(
  async (req, { actor, params }) => {
    const id = parseId(params.id, 'Client');
    const point = await parseJson(req, locationBodySchema);
    return json(await setCustomerLocation(getDb(), actor, id, point));
  },
  { permission: 'customer.field-update' },
);
