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

/**
 * zod skips the object-level rules (company name, last name, a contact channel) while a field is
 * invalid; a form should show every problem at once, so the rules are checked on the raw values too.
 */
export function withRuleErrors(
  raw: Record<string, unknown>,
  fieldErrors: Record<string, string[]>,
  rules: (c: Record<string, string | null>) => { path: string; message: string }[],
): Record<string, string[]> {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const values = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, text(v)]));
  const merged = { ...fieldErrors };
  for (const issue of rules(values)) if (!merged[issue.path]) merged[issue.path] = [issue.message];
  return merged;
}
