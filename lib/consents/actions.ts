'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { type ActionState, formDataToObject, runAction } from '@/lib/actions';
import { requireActionActor } from '@/lib/auth/session';
import { zodFieldErrors } from '@/lib/errors';
import { parseId } from '@/lib/http/parse';
import { recordConsent } from './mutations';
import type { ConsentEventDto } from './queries';
import { consentFormToInput, consentRecordSchema } from './schema';

/** Grant or withdraw from the Consents tab (bind the customer id first). */
export async function recordConsentAction(
  customerId: string,
  _prev: ActionState<ConsentEventDto>,
  formData: FormData,
): Promise<ActionState<ConsentEventDto>> {
  return runAction(async () => {
    const actor = await requireActionActor('consent.record');
    const id = parseId(customerId, 'Client');
    const parsed = consentRecordSchema.safeParse(consentFormToInput(formDataToObject(formData)));
    if (!parsed.success) {
      return { ok: false, message: 'Certains champs sont invalides.', fieldErrors: zodFieldErrors(parsed.error) };
    }
    const event = await recordConsent(getDb(), actor, id, parsed.data);
    revalidatePath(`/customers/${id}/consents`);
    return {
      ok: true,
      message: event.granted ? 'Consentement enregistré.' : 'Retrait du consentement enregistré.',
      data: event,
    };
  });
}
