import { z } from 'zod';
import { checkEmail, checkPhone } from './contact';
import {
  type CheckResult,
  checkFrVat,
  checkPlate,
  checkPostalCode,
  checkSiren,
  checkSiret,
  checkVin,
} from './identifiers';

export * from './contact';
export * from './identifiers';

export const VALIDATION_KINDS = ['siret', 'siren', 'vat', 'phone', 'email', 'plate', 'vin', 'postalCode'] as const;
export type ValidationKind = (typeof VALIDATION_KINDS)[number];

const CHECKS: Record<ValidationKind, (v: string) => CheckResult> = {
  siret: checkSiret,
  siren: checkSiren,
  vat: checkFrVat,
  phone: (v) => checkPhone(v),
  email: checkEmail,
  plate: checkPlate,
  vin: checkVin,
  postalCode: checkPostalCode,
};

export function validateValue(kind: ValidationKind, value: string): CheckResult {
  return CHECKS[kind](value);
}

/**
 * A zod string field that validates with one of the checks and outputs the normalized value.
 * Used by every entity schema so forms, API and import agree on what is valid.
 */
export function checked(kind: ValidationKind) {
  return z
    .string()
    .trim()
    .max(254)
    .transform((value, ctx) => {
      const result = CHECKS[kind](value);
      if (!result.valid) {
        ctx.addIssue({ code: 'custom', message: result.message });
        return z.NEVER;
      }
      return result.normalized;
    });
}

/** Optional text: trims, turns '' into null, caps the length. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `${max} caractères maximum.`)
    .nullish()
    .transform((v) => (v ? v : null));
}

/**
 * Optional checked value: '' / null / undefined → null, otherwise validated and normalized. (Not a
 * union with `checked()`: a union would replace the check's French message with a generic one.)
 */
export function optionalChecked(kind: ValidationKind) {
  return z
    .string()
    .trim()
    .max(254)
    .nullish()
    .transform((value, ctx) => {
      if (!value) return null;
      const result = CHECKS[kind](value);
      if (!result.valid) {
        ctx.addIssue({ code: 'custom', message: result.message });
        return z.NEVER;
      }
      return result.normalized;
    });
}
