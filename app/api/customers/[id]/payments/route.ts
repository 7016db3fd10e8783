import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { requireCustomer } from '@/lib/customers/guard';
import { recordPayment } from '@/lib/finances/mutations';
import { listPayments } from '@/lib/finances/queries';
import { json } from '@/lib/http/responses';
import { listPaymentsRoute, recordPaymentRoute } from '@/lib/openapi/routes/finances';

export const GET = withAuth(listPaymentsRoute, async ({ params, query }) => {
  const db = getDb();
  await requireCustomer(db, params.id, { allowErased: true });
  return json(await listPayments(db, params.id, query));
});

/** 201 with `{ payment, invoice }` (the invoice's new paidCents / remainingCents / status). */
export const POST = withAuth(recordPaymentRoute, async ({ actor, params, body }) => {
  const { payment, invoice } = await recordPayment(getDb(), actor, params.id, body);
  return json({ ...payment, invoice }, { status: 201 });
});
