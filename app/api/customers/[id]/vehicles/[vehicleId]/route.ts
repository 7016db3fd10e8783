import { getDb } from '@/db';
import { withAuth } from '@/lib/auth/with-auth';
import { json, noContent } from '@/lib/http/responses';
import { deleteVehicleRoute, getVehicleRoute, updateVehicleRoute } from '@/lib/openapi/routes/vehicles';
import { deleteVehicle, updateVehicle } from '@/lib/vehicles/mutations';
import { getVehicleOrThrow } from '@/lib/vehicles/queries';

export const GET = withAuth(getVehicleRoute, async ({ params }) =>
  json(await getVehicleOrThrow(getDb(), params.id, params.vehicleId)),
);

export const PATCH = withAuth(updateVehicleRoute, async ({ actor, params, body }) =>
  json(await updateVehicle(getDb(), actor, params.id, params.vehicleId, body)),
);

export const DELETE = withAuth(deleteVehicleRoute, async ({ actor, params }) => {
  await deleteVehicle(getDb(), actor, params.id, params.vehicleId);
  return noContent();
});
