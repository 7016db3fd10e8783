import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { sendCustomerEmail } from '@/lib/email/send';
import { json } from '@/lib/http/responses';
import { sendEmailRoute } from '@/lib/openapi/routes/consents';

/**
 * 202 {id, status, error}: status 'queued' (outbox only), 'sent', or 'failed' with the SMTP
 * server's reason. 403 consent_missing when the purpose needs a consent the customer has not given.
 */
export const POST = withAuth(sendEmailRoute, async ({ actor, params, body }) =>
  json(await sendCustomerEmail(getDb(), actor, params.id, body), { status: 202 }),
);
