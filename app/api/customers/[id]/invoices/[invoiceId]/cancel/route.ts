import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { cancelInvoice } from '@/lib/finances/corrections';
import { json } from '@/lib/http/responses';
import { cancelInvoiceRoute } from '@/lib/openapi/routes/finances';

/** 200 with the cancelled invoice; 409 when a payment exists (a credit note corrects it instead). */
export const POST = withAuth(cancelInvoiceRoute, async ({ actor, params, body }) =>
  json(await cancelInvoice(getDb(), actor, params.id, params.invoiceId, body)),
);
