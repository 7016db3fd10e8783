'use server';

import { revalidatePath } from 'next/cache';
import { defineAction, reply } from '@/lib/define-action';
import { sendReminderSchema } from './schema';
import { sendVehicleReminder } from './send';

/**
 * "Envoyer un rappel" on a row of "À relancer" (bind the vehicle id first). Same permission and
 * same function as `POST /api/reminders/{vehicleId}/send`; a consent refusal comes back as the message.
 */
export const sendReminderAction = defineAction({
  permission: 'email.send',
  ids: ['Véhicule'],
  schema: sendReminderSchema,
  run: async ({ actor, ids: [vehicleId], input, db }) => {
    const result = await sendVehicleReminder(db, actor, vehicleId, input);
    // Sent or queued, the customer's outbox and timeline changed.
    revalidatePath(`/customers/${result.customerId}/activity`);
    revalidatePath(`/customers/${result.customerId}/consents`);
    const message =
      result.status === 'sent'
        ? 'Rappel envoyé.'
        : result.status === 'failed'
          ? `L’envoi a échoué : ${result.error}`
          : 'Rappel placé dans la file d’envoi (aucun serveur SMTP configuré).';
    return reply(message, result, result.status !== 'failed');
  },
});
