'use server';

import { revalidatePath } from 'next/cache';
import { defineAction, reply } from '@/lib/define-action';
import { sendEmailSchema } from './schema';
import { sendCustomerEmail } from './send';

/** "Envoyer un e-mail" form (bind the customer id first). A refusal comes back as the message. */
export const sendEmailAction = defineAction({
  permission: 'email.send',
  ids: ['Client'],
  schema: sendEmailSchema,
  run: async ({ actor, ids: [id], input, db }) => {
    try {
      const result = await sendCustomerEmail(db, actor, id, input);
      const message =
        result.status === 'sent'
          ? 'E-mail envoyé.'
          : result.status === 'failed'
            ? `L’envoi a échoué : ${result.error}`
            : 'E-mail placé dans la file d’envoi (aucun serveur SMTP configuré).';
      return reply(message, result, result.status !== 'failed');
    } finally {
      // Blocked, failed or sent: the outbox and the timeline changed either way.
      revalidatePath(`/customers/${id}/consents`);
      revalidatePath(`/customers/${id}/activity`);
    }
  },
});
