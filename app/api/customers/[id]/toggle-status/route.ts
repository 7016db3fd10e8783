import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { toggleCustomerStatus } from '@/lib/customers/mutations';
import { parseId } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

export const POST = withAuth<{ id: string }>(
  async (_req, { actor, params }) => json(await toggleCustomerStatus(getDb(), actor, parseId(params.id, 'Client'))),
  { permission: 'customer.status' },
);
