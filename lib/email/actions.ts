'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { type ActionState, formDataToObject, runAction } from '@/lib/actions';
import { requireActionActor } from '@/lib/auth/session';
import { zodFieldErrors } from '@/lib/errors';
import { parseId } from '@/lib/http/parse';
import { sendEmailSchema } from './schema';
import { sendCustomerEmail, type SendEmailResult } from './send';

/** "Envoyer un e-mail" form (bind the customer id first). A refusal comes back as the message. */
export async function sendEmailAction(
  customerId: string,
  _prev: ActionState<SendEmailResult>,
  formData: FormData,
): Promise<ActionState<SendEmailResult>> {
  return runAction(async () => {
    const actor = await requireActionActor('email.send');
    const id = parseId(customerId, 'Client');
    const parsed = sendEmailSchema.safeParse(formDataToObject(formData));
    if (!parsed.success) {
      return { ok: false, message: 'Certains champs sont invalides.', fieldErrors: zodFieldErrors(parsed.error) };
    }
    try {
      const result = await sendCustomerEmail(getDb(), actor, id, parsed.data);
      const message =
        result.status === 'sent'
          ? 'E-mail envoyé.'
          : result.status === 'failed'
            ? `L’envoi a échoué : ${result.error}`
            : 'E-mail placé dans la file d’envoi (aucun serveur SMTP configuré).';
      return { ok: result.status !== 'failed', message, data: result };
    } finally {
      // Blocked, failed or sent: the outbox and the timeline changed either way.
      revalidatePath(`/customers/${id}/consents`);
      revalidatePath(`/customers/${id}/activity`);
    }
  });
}
