import { vehicleCreateSchema, vehicleUpdateSchema } from '@/lib/vehicles/schema';
import { childCollectionRoutes } from '../registry';

export const {
  list: listVehiclesRoute,
  create: createVehicleRoute,
  get: getVehicleRoute,
  update: updateVehicleRoute,
  delete: deleteVehicleRoute,
} = childCollectionRoutes({
  tag: 'vehicles',
  path: '/api/customers/{id}/vehicles',
  param: 'vehicleId',
  plural: 'Vehicles',
  one: 'vehicle',
  item: 'Véhicule',
  createSummary: 'Add a vehicle (plate or VIN required)',
  createSchema: vehicleCreateSchema,
  updateSchema: vehicleUpdateSchema,
});
