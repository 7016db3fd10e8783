import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { checkCompliance } from '@/lib/consents/compliance';
import { recordConsent } from '@/lib/consents/mutations';
import { getConsentState, listConsentEvents } from '@/lib/consents/queries';
import { consentHistoryQuerySchema, consentRecordSchema } from '@/lib/consents/schema';
import { parseId, parseJson, parseQuery } from '@/lib/http/parse';
import { json } from '@/lib/http/responses';

/** Current grid, one page of history (filters + keyset cursor) and the compliance report. */
export const GET = withAuth<{ id: string }>(
  async (req, { params }) => {
    const customerId = parseId(params.id, 'Client');
    const query = parseQuery(req, consentHistoryQuerySchema);
    const db = getDb();
    // checkCompliance 404s for an unknown customer; state and history are then never sent.
    const state = await getConsentState(db, customerId);
    const [compliance, history] = await Promise.all([
      checkCompliance(db, customerId, { state }),
      listConsentEvents(db, customerId, query),
    ]);
    return json({ state, history, compliance });
  },
  { permission: 'customer.read' },
);

/** Records a grant (with proof) or a withdrawal; 201 with the appended event. */
export const POST = withAuth<{ id: string }>(
  async (req, { actor, params }) => {
    const customerId = parseId(params.id, 'Client');
    const input = await parseJson(req, consentRecordSchema);
    const event = await recordConsent(getDb(), actor, customerId, input);
    return json(event, { status: 201 });
  },
  { permission: 'consent.record' },
);
