import { withAuth } from '@/lib/auth/with-auth';
import { deleteVehicleRoute, getVehicleRoute, updateVehicleRoute } from '@/lib/openapi/routes/vehicles';
import { vehicleEndpoints } from '@/lib/vehicles/collection';

export const GET = withAuth(getVehicleRoute, vehicleEndpoints.handlers.get);
export const PATCH = withAuth(updateVehicleRoute, vehicleEndpoints.handlers.update);
export const DELETE = withAuth(deleteVehicleRoute, vehicleEndpoints.handlers.remove);
