import { withAuth } from '@/lib/auth/with-auth';
import { createVehicleRoute, listVehiclesRoute } from '@/lib/openapi/routes/vehicles';
import { vehicleEndpoints } from '@/lib/vehicles/collection';

export const GET = withAuth(listVehiclesRoute, vehicleEndpoints.handlers.list);
export const POST = withAuth(createVehicleRoute, vehicleEndpoints.handlers.create);
