import { z } from 'zod';
import { type ValidationKind, validateValue } from '@/lib/validation';

/**
 * Optional checked value ('' / null / undefined → null) whose error is the check's own French
 * message. (A z.union of '' | null | checked() reports zod's generic "Invalid input" instead.)
 */
export function checkedOrNull(kind: ValidationKind) {
  return z
    .string({ message: 'Valeur texte attendue.' })
    .trim()
    .max(254, '254 caractères maximum.')
    .nullish()
    .transform((value, ctx) => {
      if (!value) return null;
      const result = validateValue(kind, value);
      if (!result.valid) {
        ctx.addIssue({ code: 'custom', message: result.message });
        return z.NEVER;
      }
      return result.normalized;
    });
}
