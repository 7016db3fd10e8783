import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { listCustomerInterventions } from '@/lib/interventions/lists';
import { createIntervention } from '@/lib/interventions/mutations';
import { createInterventionRoute, listCustomerInterventionsRoute } from '@/lib/openapi/routes/interventions';

export const GET = withAuth(listCustomerInterventionsRoute, async ({ params, query }) =>
  json(await listCustomerInterventions(getDb(), params.id, query)),
);

export const POST = withAuth(createInterventionRoute, async ({ actor, params, body }) =>
  json(await createIntervention(getDb(), actor, params.id, body), { status: 201 }),
);
