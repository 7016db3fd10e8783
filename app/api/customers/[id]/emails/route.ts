import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { requireCustomer } from '@/lib/customers/guard';
import { listCustomerEmails } from '@/lib/email/queries';
import { json } from '@/lib/http/responses';
import { listCustomerEmailsRoute } from '@/lib/openapi/routes/emails';

/** The customer's outbox (an erased customer's is empty: the erasure deletes its e-mails). */
export const GET = withAuth(listCustomerEmailsRoute, async ({ params, query }) => {
  const db = getDb();
  await requireCustomer(db, params.id, { allowErased: true });
  return json(await listCustomerEmails(db, params.id, query));
});
