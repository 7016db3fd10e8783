import { vehicleCreateSchema, vehicleUpdateSchema } from '@/lib/vehicles/schema';
import { dataList, deleted, ok, routesOf } from '../registry';

const route = routesOf('vehicles');

const vehicle = ok('Véhicule');

export const listVehiclesRoute = route.get('/api/customers/{id}/vehicles', {
  permission: 'customer.read',
  summary: 'Vehicles of a customer',
  responses: [dataList],
});

export const createVehicleRoute = route.post('/api/customers/{id}/vehicles', {
  permission: 'customer.field-update',
  summary: 'Add a vehicle (plate or VIN required)',
  body: vehicleCreateSchema,
  responses: [{ ...vehicle, status: 201 }],
});

export const getVehicleRoute = route.get('/api/customers/{id}/vehicles/{vehicleId}', {
  permission: 'customer.read',
  summary: 'One vehicle (404 when it belongs to another customer)',
  responses: [vehicle],
});

export const updateVehicleRoute = route.patch('/api/customers/{id}/vehicles/{vehicleId}', {
  permission: 'customer.field-update',
  summary: 'Partial update of a vehicle',
  body: vehicleUpdateSchema,
  responses: [vehicle],
});

export const deleteVehicleRoute = route.delete('/api/customers/{id}/vehicles/{vehicleId}', {
  permission: 'customer.field-update',
  summary: 'Delete a vehicle',
  responses: [deleted],
});
