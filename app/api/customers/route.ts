import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { createCustomer } from '@/lib/customers/mutations';
import { listCustomers } from '@/lib/customers/queries';
import { customerCreateSchema, customerListQuerySchema } from '@/lib/customers/schema';
import { parseJson, parseQuery } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

/** segment / compliance are accepted by the schema and applied through listCustomers' extraWhere by their modules. */
export const GET = withAuth(
  async (req) => {
    const query = parseQuery(req, customerListQuerySchema);
    return json(await listCustomers(getDb(), query));
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
