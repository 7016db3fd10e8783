import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { updateIntervention } from '@/lib/interventions/mutations';
import { getIntervention } from '@/lib/interventions/queries';
import { getInterventionRoute, updateInterventionRoute } from '@/lib/openapi/routes/interventions';

export const GET = withAuth(getInterventionRoute, async ({ actor, params }) =>
  json(await getIntervention(getDb(), params.id, params.interventionId, { role: actor.role })),
);

export const PATCH = withAuth(updateInterventionRoute, async ({ actor, params, body }) =>
  json(await updateIntervention(getDb(), actor, params.id, params.interventionId, body)),
);
