import { z } from 'zod';
import { limitSchema } from '@/lib/pagination';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, MANUAL_CONSENT_SOURCES } from './config';

/**
 * One consent decision (grant or withdrawal). The same schema validates the tab's form (after
 * `consentFormToInput` of ./form.ts) and `POST /api/customers/{id}/consents`.
 */
const optionalTrimmed = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

export const consentRecordObject = z.object({
  purpose: z.enum(CONSENT_PURPOSES, { error: 'Finalité inconnue.' }),
  channel: z.enum(CONSENT_CHANNELS, { error: 'Canal inconnu.' }),
  granted: z.boolean({ error: 'Indiquez si le consentement est accordé (true) ou retiré (false).' }),
  source: z.enum(MANUAL_CONSENT_SOURCES, { error: 'Source inconnue.' }).nullish(),
  textVersion: optionalTrimmed(100, 'Version du texte : 100 caractères au maximum.'),
  proofText: optionalTrimmed(2000, 'Preuve : 2 000 caractères au maximum.'),
  documentId: z.string().uuid('Document invalide.').optional().nullable(),
});

export const consentRecordSchema = consentRecordObject.superRefine((value, ctx) => {
  // Withdrawing needs no proof beyond the actor; granting must say how and to which text.
  if (!value.granted) return;
  if (!value.source)
    ctx.addIssue({ code: 'custom', path: ['source'], message: 'Indiquez comment le client a donné son accord.' });
  if (!value.textVersion)
    ctx.addIssue({
      code: 'custom',
      path: ['textVersion'],
      message: 'Indiquez la version du texte accepté par le client.',
    });
});
export type ConsentRecordInput = z.output<typeof consentRecordSchema>;

export const consentHistoryQuerySchema = z.object({
  purpose: z.enum(CONSENT_PURPOSES, { error: 'Finalité inconnue.' }).optional(),
  channel: z.enum(CONSENT_CHANNELS, { error: 'Canal inconnu.' }).optional(),
  limit: limitSchema,
  cursor: z.string().max(1024).optional(),
});
export type ConsentHistoryQuery = z.output<typeof consentHistoryQuerySchema>;
