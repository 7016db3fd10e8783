'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { type ActionState, formDataToObject, runAction } from '@/lib/actions';
import { requireActionActor } from '@/lib/auth/session';
import { zodFieldErrors } from '@/lib/errors';
import { parseId } from '@/lib/http/parse';
import { sendReminderSchema } from './schema';
import { type ReminderResult, sendVehicleReminder } from './send';

/**
 * "Envoyer un rappel" on a row of "À relancer" (bind the vehicle id first). Same permission and
 * same function as `POST /api/reminders/{vehicleId}/send`; a consent refusal comes back as the message.
 */
export async function sendReminderAction(
  vehicleId: string,
  _prev: ActionState<ReminderResult>,
  formData: FormData,
): Promise<ActionState<ReminderResult>> {
  return runAction(async () => {
    const actor = await requireActionActor('email.send');
    const id = parseId(vehicleId, 'Véhicule');
    const parsed = sendReminderSchema.safeParse(formDataToObject(formData));
    if (!parsed.success) {
      return { ok: false, message: 'Fenêtre invalide.', fieldErrors: zodFieldErrors(parsed.error) };
    }
    let customerId: string | null = null;
    try {
      const result = await sendVehicleReminder(getDb(), actor, id, parsed.data);
      customerId = result.customerId;
      const message =
        result.status === 'sent'
          ? 'Rappel envoyé.'
          : result.status === 'failed'
            ? `L’envoi a échoué : ${result.error}`
            : 'Rappel placé dans la file d’envoi (aucun serveur SMTP configuré).';
      return { ok: result.status !== 'failed', message, data: result };
    } finally {
      // Sent or refused, the customer's outbox and timeline changed.
      if (customerId) {
        revalidatePath(`/customers/${customerId}/activity`);
        revalidatePath(`/customers/${customerId}/consents`);
      }
    }
  });
}
