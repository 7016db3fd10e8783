'use server';

import { revalidatePath } from 'next/cache';
import { defineAction, reply } from '@/lib/define-action';
import { retryCustomerEmail } from './retry';
import { sendEmailSchema } from './schema';
import { sendCustomerEmail, type SendEmailResult } from './send';
import { emailPreviewSchema } from './template-schema';
import { renderTemplateForCustomer } from './template-values';

const outcomeMessage = (result: SendEmailResult) =>
  result.status === 'sent'
    ? 'E-mail envoyé.'
    : result.status === 'failed'
      ? `L’envoi a échoué : ${result.error}`
      : 'E-mail placé dans la file d’envoi (aucun serveur SMTP configuré).';

/** Blocked, failed or sent: the outbox and the timeline changed either way. */
function revalidateEmailPages(customerId: string) {
  revalidatePath(`/customers/${customerId}/consents`);
  revalidatePath(`/customers/${customerId}/activity`);
}

/** "Envoyer un e-mail" form (bind the customer id first). A refusal comes back as the message. */
export const sendEmailAction = defineAction({
  permission: 'email.send',
  ids: ['Client'],
  schema: sendEmailSchema,
  run: async ({ actor, ids: [id], input, db }) => {
    try {
      const result = await sendCustomerEmail(db, actor, id, input);
      return reply(outcomeMessage(result), result, result.status !== 'failed');
    } finally {
      revalidateEmailPages(id);
    }
  },
});

/** « Réessayer » on a failed e-mail of the outbox (same role as sending). */
export const retryEmailAction = defineAction({
  permission: 'email.send',
  ids: ['Client', 'E-mail'],
  run: async ({ actor, ids: [id, emailId], db }) => {
    try {
      const result = await retryCustomerEmail(db, actor, id, emailId);
      return reply(outcomeMessage(result), result, result.status !== 'failed');
    } finally {
      revalidateEmailPages(id);
    }
  },
});

/** « Modèle » in the send form: the template rendered on the server with this customer's values. */
export const renderEmailTemplateAction = defineAction({
  permission: 'email.send',
  ids: ['Client'],
  form: { keys: ['templateId'] },
  schema: emailPreviewSchema,
  run: ({ actor, ids: [id], input, db }) => renderTemplateForCustomer(db, actor, id, input.templateId),
  message: (preview) =>
    preview.missing.length ? 'Modèle appliqué : certaines valeurs manquent pour ce client.' : 'Modèle appliqué.',
});
