import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { archiveBodySchema } from '@/lib/customers/api-schemas';
import { archiveCustomer } from '@/lib/customers/mutations';
import { parseId, parseJson } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

export const POST = withAuth<{ id: string }>(
  async (req, { actor, params }) => {
    const id = parseId(params.id, 'Client');
    const { archived } = await parseJson(req, archiveBodySchema);
    return json(await archiveCustomer(getDb(), actor, id, archived));
  },
  { permission: 'customer.update' },
);
