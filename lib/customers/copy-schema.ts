import { z } from 'zod';
import { customerFields } from './schema';

/**
 * « Dupliquer » (lib/customers/copy.ts): what the copy loses, and how it stays reachable. Client-safe:
 * the dialog lists exactly these fields, the mutation clears exactly these.
 */
export const COPY_CLEARED_FIELDS = ['email', 'siret', 'vatNumber', 'phone', 'mobile'] as const;
/** Cleared unless the user asks to keep them (same household, same switchboard). */
export const COPY_KEEPABLE_FIELDS = ['phone', 'mobile'] as const;

export const COPY_UNREACHABLE =
  'Indiquez au moins un moyen de contact pour la copie (e-mail, téléphone ou mobile) : sans lui, le nouveau client serait injoignable.';

/**
 * POST /api/customers/{id}/duplicate body and the dialog's fields: the copy's own e-mail and phones
 * (the source's are cleared), and `keepPhones`. At least one way to reach the copy is required; whether
 * the kept phones count depends on the source, so the mutation decides (field error on `email`).
 */
export const copyBodySchema = z
  .object({
    keepPhones: z.boolean().optional(),
    email: customerFields.email,
    phone: customerFields.phone,
    mobile: customerFields.mobile,
  })
  .strict();
export type CopyInput = z.output<typeof copyBodySchema>;
