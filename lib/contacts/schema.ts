import { z } from 'zod';
import { checkedOrNull } from '@/lib/customers/fields';
import { optionalText } from '@/lib/validation';

/** Checkbox / JSON boolean: true, "true", "1", "on" → true; false, "false", "0", "off" → false. */
export const formBoolean = z.union([
  z.boolean(),
  z.enum(['true', '1', 'on', 'false', '0', 'off']).transform((v) => v === 'true' || v === '1' || v === 'on'),
]);

export const contactFields = {
  name: z
    .string({ message: 'Le nom du contact est obligatoire.' })
    .trim()
    .min(1, 'Le nom du contact est obligatoire.')
    .max(200, '200 caractères maximum.'),
  role: optionalText(100),
  email: checkedOrNull('email'),
  phone: checkedOrNull('phone'),
  isPrimary: formBoolean.optional(),
};

export const contactCreateSchema = z.object(contactFields).strict();
export type ContactCreateInput = z.output<typeof contactCreateSchema>;

/** PATCH: any subset; `updatedAt` optional (when given, a stale copy is a 409). */
export const contactUpdateSchema = z
  .object(contactFields)
  .partial()
  .extend({ updatedAt: z.coerce.date().optional() })
  .strict();
export type ContactUpdateInput = z.output<typeof contactUpdateSchema>;
