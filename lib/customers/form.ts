import { formDataToObject } from '@/lib/actions';

/**
 * A form posts the whole record: keep only the schema's keys (strict schemas reject extras such
 * as hidden helpers) and, for edits, turn an emptied field into null so it is really cleared.
 */
export function pickFormFields(
  formData: FormData,
  keys: readonly string[],
  options: { clearEmpty?: readonly string[]; falseWhenAbsent?: readonly string[] } = {},
): Record<string, unknown> {
  const all = formDataToObject(formData);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (key in all) out[key] = all[key];
  }
  for (const key of options.clearEmpty ?? []) {
    if (formData.has(key) && out[key] === undefined) out[key] = null;
  }
  for (const key of options.falseWhenAbsent ?? []) {
    if (out[key] === undefined) out[key] = false;
  }
  return out;
}
