import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { sendEmailSchema } from '@/lib/email/schema';
import { sendCustomerEmail } from '@/lib/email/send';
import { parseId, parseJson } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

/**
 * 202 {id, status, error}: status 'queued' (outbox only), 'sent', or 'failed' with the SMTP
 * server's reason. 403 consent_missing when the purpose needs a consent the customer has not given.
 */
export const POST = withAuth<{ id: string }>(
  async (req, { actor, params }) => {
    const customerId = parseId(params.id, 'Client');
    const input = await parseJson(req, sendEmailSchema);
    const result = await sendCustomerEmail(getDb(), actor, customerId, input);
    return json(result, { status: 202 });
  },
  { permission: 'email.send' },
);
