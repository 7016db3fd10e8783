/**
 * PostgreSQL cannot store U+0000 (text, jsonb) nor a lone UTF-16 surrogate (jsonb): every entry
 * point (JSON bodies, form data, multipart fields) refuses them with this one test, as a field
 * error instead of a 500 at insert time.
 */
const NUL_OR_LONE_SURROGATE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT = 'Caractère interdit (U+0000 ou Unicode invalide).';

export function hasUnstorableChar(value: string): boolean {
  return NUL_OR_LONE_SURROGATE.test(value);
}

/** The same characters replaced (to name an offending JSON key in an error without echoing it). */
export function replaceUnstorableChars(value: string, by: string): string {
  return value.replace(new RegExp(NUL_OR_LONE_SURROGATE, 'g'), by);
}
