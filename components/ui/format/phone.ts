import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { nationalFrenchPhone } from './typography';

/**
 * Phone numbers for display: national format for French numbers ("+33312546029" → "03 12 54 60 29"),
 * international for the others ("+32470123456" → "+32 470 12 34 56"); anything unparsable is shown
 * as stored. Kept out of the format index so libphonenumber's metadata (~40 kB) is only bundled
 * where a phone number is displayed. The separators are no-break spaces: a number never wraps.
 */
export function formatPhone(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\+33\d{9}$/.test(value)) return nationalFrenchPhone(value);
  const phone = parsePhoneNumberFromString(value, 'FR');
  if (!phone) return value;
  const text = phone.country === 'FR' ? phone.formatNational() : phone.formatInternational();
  return text.replace(/ /g, '\u00a0');
}
