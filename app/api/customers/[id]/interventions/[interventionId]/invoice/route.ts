import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { invoiceIntervention } from '@/lib/interventions/invoice';
import { invoiceInterventionRoute } from '@/lib/openapi/routes/interventions';

export const POST = withAuth(invoiceInterventionRoute, async ({ actor, params, body }) =>
  json(await invoiceIntervention(getDb(), actor, params.id, params.interventionId, body ?? {}), { status: 201 }),
);
