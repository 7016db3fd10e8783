import { z } from 'zod';
import { VALIDATION_KINDS } from '@/lib/validation';

/** POST /api/customers: `confirmErased=true` (admin) re-creates a person who was erased (README "Security"). */
export const createCustomerQuerySchema = z
  .object({
    confirmErased: z
      .enum(['true', 'false'], { message: 'confirmErased doit être true ou false.' })
      .transform((v) => v === 'true')
      .optional(),
  })
  .strict();

/** POST /api/customers/{id}/archive */
export const archiveBodySchema = z
  .object({ archived: z.boolean({ message: 'archived doit être true ou false.' }) })
  .strict();

/** POST /api/validate */
export const validateBodySchema = z
  .object({
    kind: z.enum(VALIDATION_KINDS, { message: `kind doit être l'un de : ${VALIDATION_KINDS.join(', ')}.` }),
    value: z.string({ message: 'value doit être une chaîne.' }).max(254, '254 caractères maximum.'),
  })
  .strict();
