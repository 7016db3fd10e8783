import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import type { CheckResult } from './identifiers';

/**
 * Any French spelling (06 12 34 56 78, +33 (0)6…, 0033…, 06.12…) or an international number;
 * stored in E.164. Length and prefix are checked (a truncated number is refused), but not the
 * operators' current allocation tables (the "max" metadata): a real customer's number in a block
 * allocated after our metadata was built must not be refused.
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

// One display format for phone numbers, in the French formatting module (README "French typography").
export { formatPhone } from '@/components/ui/format/phone';

// Internationalised addresses (RFC 6531: `hélène.faure@…`) are real and common in French exports.
const emailSchema = z.email({ pattern: z.regexes.unicodeEmail });

export function checkEmail(value: string): CheckResult {
  const v = value.trim();
  if (v.length > 254 || !emailSchema.safeParse(v).success || !/@[^@\s]+\.[^@\s.]{2,}$/u.test(v))
    return { valid: false, message: 'Adresse e-mail invalide.' };
  // Domain part is case-insensitive; keep the local part as typed.
  const at = v.lastIndexOf('@');
  return { valid: true, normalized: `${v.slice(0, at)}@${v.slice(at + 1).toLowerCase()}` };
}
