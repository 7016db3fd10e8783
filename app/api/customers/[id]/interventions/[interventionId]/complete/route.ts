import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { completeIntervention } from '@/lib/interventions/complete';
import { completeInterventionRoute } from '@/lib/openapi/routes/interventions';

export const POST = withAuth(completeInterventionRoute, async ({ actor, params, body }) =>
  json(await completeIntervention(getDb(), actor, params.id, params.interventionId, body ?? {})),
);
