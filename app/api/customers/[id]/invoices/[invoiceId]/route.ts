import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { getInvoiceOrThrow } from '@/lib/finances/queries';
import { json } from '@/lib/http/responses';
import { getInvoiceRoute } from '@/lib/openapi/routes/finances';

/** One invoice with its payments; an invoice of another customer is a 404. */
export const GET = withAuth(getInvoiceRoute, async ({ params }) =>
  json(await getInvoiceOrThrow(getDb(), params.id, params.invoiceId)),
);
