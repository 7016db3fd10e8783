import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { cancelIntervention } from '@/lib/interventions/mutations';
import { cancelInterventionRoute } from '@/lib/openapi/routes/interventions';

export const POST = withAuth(cancelInterventionRoute, async ({ actor, params, body }) =>
  json(await cancelIntervention(getDb(), actor, params.id, params.interventionId, body)),
);
