import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { requireCustomer } from '@/lib/customers/guard';
import { createInvoice } from '@/lib/finances/mutations';
import { listInvoices } from '@/lib/finances/queries';
import { json } from '@/lib/http/responses';
import { createInvoiceRoute, listInvoicesRoute } from '@/lib/openapi/routes/finances';

export const GET = withAuth(listInvoicesRoute, async ({ params, query }) => {
  const db = getDb();
  await requireCustomer(db, params.id, { allowErased: true });
  return json(await listInvoices(db, params.id, query));
});

export const POST = withAuth(createInvoiceRoute, async ({ actor, params, body }) =>
  json(await createInvoice(getDb(), actor, params.id, body), { status: 201 }),
);
