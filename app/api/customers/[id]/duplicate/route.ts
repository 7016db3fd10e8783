import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { duplicateBodySchema, duplicateCustomer } from '@/lib/customers/duplicate';
import { parseId, parseOptionalJson } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

/** POST /api/customers/{id}/duplicate (body optional: {keepPhones}) → 201 {id, ...customer}. */
export const POST = withAuth<{ id: string }>(
  async (req, { actor, params }) => {
    const id = parseId(params.id, 'Client');
    // The body is optional: none means "default options"; one that is not declared JSON is a 415.
    const body = (await parseOptionalJson(req, duplicateBodySchema)) ?? {};
    const copy = await duplicateCustomer(getDb(), actor, id, body);
    return json(copy, { status: 201, headers: { location: `/api/customers/${copy.id}` } });
  },
  { permission: 'customer.duplicate' },
);
