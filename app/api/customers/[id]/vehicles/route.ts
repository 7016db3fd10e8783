import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json } from '@/lib/http/responses';
import { createVehicleRoute, listVehiclesRoute } from '@/lib/openapi/routes/vehicles';
import { createVehicle } from '@/lib/vehicles/mutations';
import { listVehicles } from '@/lib/vehicles/queries';

export const GET = withAuth(listVehiclesRoute, async ({ params }) =>
  json({ data: await listVehicles(getDb(), params.id) }),
);

export const POST = withAuth(createVehicleRoute, async ({ actor, params, body }) =>
  json(await createVehicle(getDb(), actor, params.id, body), { status: 201 }),
);
