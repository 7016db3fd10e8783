import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { checkCompliance } from '@/lib/consents/compliance';
import { recordConsent } from '@/lib/consents/mutations';
import { getConsentState, listConsentEvents } from '@/lib/consents/queries';
import { json } from '@/lib/http/responses';
import { getConsentsRoute, recordConsentRoute } from '@/lib/openapi/routes/consents';

/** Current grid, one page of history (filters + keyset cursor) and the compliance report. */
export const GET = withAuth(getConsentsRoute, async ({ params, query }) => {
  const db = getDb();
  // checkCompliance 404s for an unknown customer; state and history are then never sent.
  const state = await getConsentState(db, params.id);
  const [compliance, history] = await Promise.all([
    checkCompliance(db, params.id, { state }),
    listConsentEvents(db, params.id, query),
  ]);
  return json({ state, history, compliance });
});

/** Records a grant (with proof) or a withdrawal; 201 with the appended event. */
export const POST = withAuth(recordConsentRoute, async ({ actor, params, body }) =>
  json(await recordConsent(getDb(), actor, params.id, body), { status: 201 }),
);
