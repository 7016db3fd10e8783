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
