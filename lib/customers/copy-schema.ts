import { z } from 'zod';
import { customerFields } from './schema';

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
