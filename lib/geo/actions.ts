'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { type ActionState, formDataToObject, runAction } from '@/lib/actions';
import { requireActionActor } from '@/lib/auth/session';
import { type CustomerLocation, setCustomerLocation } from '@/lib/customers/geocode-on-save';
import { AppError, zodFieldErrors } from '@/lib/errors';
import { parseId } from '@/lib/http/parse';
import { locationBodySchema } from './api-schemas';

/** "Placer l'épingle": form fields `lat`, `lon` → precision 'manual'. */
export async function setLocationAction(
  customerId: string,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState<CustomerLocation>> {
  return runAction(async () => {
    const actor = await requireActionActor('customer.field-update');
    const parsed = locationBodySchema.safeParse(formDataToObject(formData));
    if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
    const location = await setCustomerLocation(getDb(), actor, parseId(customerId, 'Client'), parsed.data);
    revalidatePath(`/customers/${customerId}`);
    return { ok: true, message: 'Position enregistrée.', data: location };
  });
}
