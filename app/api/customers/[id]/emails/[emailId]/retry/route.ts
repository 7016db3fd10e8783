import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { retryCustomerEmail } from '@/lib/email/retry';
import { json } from '@/lib/http/responses';
import { retryCustomerEmailRoute } from '@/lib/openapi/routes/emails';

/** 202 like a first send: `queued` (no SMTP server), `sent`, or `failed` again with the server's reason. */
export const POST = withAuth(retryCustomerEmailRoute, async ({ actor, params }) =>
  json(await retryCustomerEmail(getDb(), actor, params.id, params.emailId), { status: 202 }),
);
