'use server';

import { vehicleEndpoints } from './collection';

export const createVehicleAction = vehicleEndpoints.actions.create;
export const updateVehicleAction = vehicleEndpoints.actions.update;
export const deleteVehicleAction = vehicleEndpoints.actions.remove;
