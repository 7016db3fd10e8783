import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { createCustomer } from '@/lib/customers/mutations';
import { customerListExtraWhere } from '@/lib/customers/list-filters';
import { listCustomers } from '@/lib/customers/queries';
import { customerCreateSchema, customerListQuerySchema } from '@/lib/customers/schema';
import { parseJson, parseQuery } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

/** `segment` (RFM, analytics module) and `compliance=issues` (consents module) arrive as extra conditions. */
export const GET = withAuth(
  async (req) => {
    const query = parseQuery(req, customerListQuerySchema);
    const db = getDb();
    return json(await listCustomers(db, query, await customerListExtraWhere(db, query)));
  },
  { permission: 'customer.read' },
);

export const POST = withAuth(
  async (req, { actor }) => {
    const input = await parseJson(req, customerCreateSchema);
    const { customer, possibleDuplicates } = await createCustomer(getDb(), actor, input);
    return json({ ...customer, possibleDuplicates }, { status: 201 });
  },
  { permission: 'customer.create' },
);
