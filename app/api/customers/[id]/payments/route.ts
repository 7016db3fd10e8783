import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { recordPayment } from '@/lib/finances/mutations';
import { assertCustomer, listPayments } from '@/lib/finances/queries';
import { paymentCreateSchema, paymentListQuerySchema } from '@/lib/finances/schema';
import { parseId, parseJson, parseQuery } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

export const GET = withAuth<{ id: string }>(
  async (req, { params }) => {
    const id = parseId(params.id, 'Client');
    const query = parseQuery(req, paymentListQuerySchema);
    const db = getDb();
    await assertCustomer(db, id);
    return json(await listPayments(db, id, query));
  },
  { permission: 'finance.read' },
);

/** 201 with `{ payment, invoice }` (the invoice's new paidCents / remainingCents / status). */
export const POST = withAuth<{ id: string }>(
  async (req, { actor, params }) => {
    const id = parseId(params.id, 'Client');
    const input = await parseJson(req, paymentCreateSchema);
    const { payment, invoice } = await recordPayment(getDb(), actor, id, input);
    return json({ ...payment, invoice }, { status: 201 });
  },
  { permission: 'finance.write' },
);
