import { vehicleCreateSchema, vehicleUpdateSchema } from '@/lib/vehicles/schema';
import { defineRoute } from '../registry';

const vehicle = { status: 200, description: 'Véhicule' };

export const listVehiclesRoute = defineRoute({
  method: 'get',
  path: '/api/customers/{id}/vehicles',
  tag: 'vehicles',
  permission: 'customer.read',
  summary: 'Vehicles of a customer',
  responses: [{ status: 200, description: '`{ data: [...] }`' }],
});

export const createVehicleRoute = defineRoute({
  method: 'post',
  path: '/api/customers/{id}/vehicles',
  tag: 'vehicles',
  permission: 'customer.field-update',
  summary: 'Add a vehicle (plate or VIN required)',
  body: vehicleCreateSchema,
  responses: [{ ...vehicle, status: 201 }],
});

export const getVehicleRoute = defineRoute({
  method: 'get',
  path: '/api/customers/{id}/vehicles/{vehicleId}',
  tag: 'vehicles',
  permission: 'customer.read',
  summary: 'One vehicle (404 when it belongs to another customer)',
  responses: [vehicle],
});

export const updateVehicleRoute = defineRoute({
  method: 'patch',
  path: '/api/customers/{id}/vehicles/{vehicleId}',
  tag: 'vehicles',
  permission: 'customer.field-update',
  summary: 'Partial update of a vehicle',
  body: vehicleUpdateSchema,
  responses: [vehicle],
});

export const deleteVehicleRoute = defineRoute({
  method: 'delete',
  path: '/api/customers/{id}/vehicles/{vehicleId}',
  tag: 'vehicles',
  permission: 'customer.field-update',
  summary: 'Delete a vehicle',
  responses: [{ status: 204, description: 'Supprimé.' }],
});
