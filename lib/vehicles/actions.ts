'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { type ActionState, pickFormFields, runAction } from '@/lib/actions';
import { requireActionActor } from '@/lib/auth/session';
import type { VehicleDto } from '@/lib/customers/types';
import { AppError, zodFieldErrors } from '@/lib/errors';
import { parseId } from '@/lib/http/parse';
import { createVehicle, deleteVehicle, updateVehicle } from './mutations';
import { vehicleCreateSchema, vehicleFields, vehicleUpdateSchema } from './schema';

const KEYS = Object.keys(vehicleFields);

export async function createVehicleAction(
  customerId: string,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState<VehicleDto>> {
  return runAction(async () => {
    const actor = await requireActionActor('customer.field-update');
    const id = parseId(customerId, 'Client');
    const parsed = vehicleCreateSchema.safeParse(pickFormFields(formData, KEYS));
    if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
    const vehicle = await createVehicle(getDb(), actor, id, parsed.data);
    revalidatePath(`/customers/${id}`, 'layout');
    return { ok: true, message: 'Véhicule ajouté.', data: vehicle };
  });
}

/** The edit form posts the whole vehicle: an emptied field is cleared. */
export async function updateVehicleAction(
  customerId: string,
  vehicleId: string,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState<VehicleDto>> {
  return runAction(async () => {
    const actor = await requireActionActor('customer.field-update');
    const id = parseId(customerId, 'Client');
    const childId = parseId(vehicleId, 'Véhicule');
    const parsed = vehicleUpdateSchema.safeParse(
      pickFormFields(formData, [...KEYS, 'updatedAt'], { clearEmpty: KEYS }),
    );
    if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
    const vehicle = await updateVehicle(getDb(), actor, id, childId, parsed.data);
    revalidatePath(`/customers/${id}`, 'layout');
    return { ok: true, message: 'Véhicule enregistré.', data: vehicle };
  });
}

export async function deleteVehicleAction(
  customerId: string,
  vehicleId: string,
  _prev: ActionState,
  _formData: FormData,
): Promise<ActionState> {
  return runAction(async () => {
    const actor = await requireActionActor('customer.field-update');
    const id = parseId(customerId, 'Client');
    await deleteVehicle(getDb(), actor, id, parseId(vehicleId, 'Véhicule'));
    revalidatePath(`/customers/${id}`, 'layout');
    return { ok: true, message: 'Véhicule supprimé.' };
  });
}
