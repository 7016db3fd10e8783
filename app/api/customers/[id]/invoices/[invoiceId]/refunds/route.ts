import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { invoiceCorrections } from '@/lib/finances/correction-queries';
import { recordRefund } from '@/lib/finances/corrections';
import { json } from '@/lib/http/responses';
import { listRefundsRoute, recordRefundRoute } from '@/lib/openapi/routes/finances';

export const GET = withAuth(listRefundsRoute, async ({ params }) =>
  json(await invoiceCorrections(getDb(), params.id, params.invoiceId, 'refunds')),
);

/** 201 with `{ refund, invoice }` (the invoice's new refundedCents / refundableCents). */
export const POST = withAuth(recordRefundRoute, async ({ actor, params, body }) =>
  json(await recordRefund(getDb(), actor, params.id, params.invoiceId, body), { status: 201 }),
);
