import { z } from 'zod';
import { ROLES } from '@/db/schema/enums';

/** Admin page: create an API token. Shared by the form (browser) and createTokenAction (server). */
export const tokenCreateSchema = z
  .object({
    name: z
      .string({ message: 'Le nom est obligatoire.' })
      .trim()
      .min(1, 'Le nom est obligatoire.')
      .max(100, '100 caractères maximum.'),
    role: z.enum(ROLES, { message: 'Choisissez un rôle.' }),
    expiresInDays: z
      .union([
        z.literal('').transform(() => undefined),
        z.coerce
          .number({ message: 'Nombre de jours invalide.' })
          .int('Nombre de jours entier.')
          .min(1, 'Au moins 1 jour.')
          .max(3650, '10 ans maximum.'),
      ])
      .optional(),
  })
  .strict();
export type TokenCreateInput = z.output<typeof tokenCreateSchema>;
