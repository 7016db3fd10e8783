import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import type { CheckResult } from './identifiers';

/**
 * Any French spelling (06 12 34 56 78, +33 (0)6…, 0033…, 06.12…) or an international number;
 * stored in E.164. The `max` metadata rejects numbers that cannot exist (truncated, wrong prefix).
 */
export function checkPhone(value: string, defaultCountry: 'FR' = 'FR'): CheckResult {
  // "+33 (0)6…" is a common but non-standard spelling: drop the "(0)".
  const cleaned = value.replace(/\(0\)/g, '').trim();
  if (!/^[+\d\s().\-/]{6,25}$/.test(cleaned)) return { valid: false, message: 'Numéro de téléphone invalide.' };
  const intl = cleaned.startsWith('00') ? `+${cleaned.slice(2)}` : cleaned;
  const phone = parsePhoneNumberFromString(intl, defaultCountry);
  if (!phone || !phone.isValid()) return { valid: false, message: 'Numéro de téléphone invalide.' };
  return { valid: true, normalized: phone.number };
}

export function formatPhone(e164: string | null | undefined): string {
  if (!e164) return '';
  const phone = parsePhoneNumberFromString(e164);
  if (!phone) return e164;
  return phone.country === 'FR' ? phone.formatNational() : phone.formatInternational();
}

const emailSchema = z.string().email();

export function checkEmail(value: string): CheckResult {
  const v = value.trim();
  if (v.length > 254 || !emailSchema.safeParse(v).success) return { valid: false, message: 'Adresse e-mail invalide.' };
  // Domain part is case-insensitive; keep the local part as typed.
  const at = v.lastIndexOf('@');
  return { valid: true, normalized: `${v.slice(0, at)}@${v.slice(at + 1).toLowerCase()}` };
}
