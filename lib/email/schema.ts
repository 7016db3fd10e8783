import { z } from 'zod';
import { EMAIL_BODY_MAX, EMAIL_PURPOSES, EMAIL_SUBJECT_MAX, type EmailPurpose } from '@/db/schema/enums';
import type { ConsentPurpose } from '@/lib/consents/config';
export { EMAIL_STATUS_LABELS } from './labels';

/**
 * What the send form and `POST /api/customers/{id}/send-email` accept. `service` is the short
 * name of the consent purpose `service-notifications`; the other purposes are consent purposes.
 */
export { EMAIL_PURPOSES, type EmailPurpose };

export { EMAIL_PURPOSE_LABELS } from './labels';

export function emailPurposeToConsent(purpose: EmailPurpose | 'service-notifications'): ConsentPurpose {
  return purpose === 'service' ? 'service-notifications' : purpose;
}

/** Subject and body of an e-mail, shared by the send form and the templates (lib/email/template-schema.ts). */
export const emailFields = {
  subject: z
    .string({ error: 'Indiquez un objet.' })
    .trim()
    .min(1, 'Indiquez un objet.')
    .max(EMAIL_SUBJECT_MAX, `Objet : ${EMAIL_SUBJECT_MAX} caractères au maximum.`)
    // A line break in a header would let a subject inject other headers.
    .refine((v) => !/[\r\n]/.test(v), 'L’objet doit tenir sur une ligne.'),
  body: z
    .string({ error: 'Écrivez le message.' })
    .trim()
    .min(1, 'Écrivez le message.')
    .max(EMAIL_BODY_MAX, 'Message : 20 000 caractères au maximum.'),
};

export const sendEmailSchema = z.object({
  ...emailFields,
  purpose: z.enum([...EMAIL_PURPOSES, 'service-notifications'], { error: 'Finalité d’envoi inconnue.' }),
});
export type SendEmailInput = z.output<typeof sendEmailSchema>;
