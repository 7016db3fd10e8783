import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { startIntervention } from '@/lib/interventions/mutations';
import { startInterventionRoute } from '@/lib/openapi/routes/interventions';

export const POST = withAuth(startInterventionRoute, async ({ actor, params, body }) =>
  json(await startIntervention(getDb(), actor, params.id, params.interventionId, body ?? {})),
);
