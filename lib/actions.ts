import { unstable_rethrow } from 'next/navigation';
import type { ActionState } from '@/lib/action-state';
import { AppError, toAppError } from '@/lib/errors';
import { hasUnstorableChar } from '@/lib/validation/text';

export { type ActionState, initialActionState } from '@/lib/action-state';

/**
 * Runs an action body and turns any error into `{ ok: false, message, fieldErrors }` — never a
 * stack trace in the browser. Next's redirect/notFound signals pass through.
 */
export async function runAction<T>(body: () => Promise<ActionState<T>>): Promise<ActionState<T>> {
  try {
    return await body();
  } catch (error) {
    unstable_rethrow(error);
    const appError = toAppError(error);
    if (appError.code === 'internal_error') console.error('[action] unexpected error', error);
    return { ok: false, message: appError.message, fieldErrors: appError.fields };
  }
}

/** FormData → plain object; empty strings become undefined so optional fields stay optional. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('$ACTION')) continue;
    if (typeof value !== 'string') {
      out[key] = value;
      continue;
    }
    // PostgreSQL cannot store NUL or lone surrogates: refuse them as a field error, not a 500.
    if (hasUnstorableChar(value)) {
      throw AppError.validation({ [key]: ['Ce champ contient un caractère invalide.'] });
    }
    const v = value.trim() === '' ? undefined : value;
    if (key in out) {
      const prev = out[key];
      out[key] = Array.isArray(prev) ? [...prev, v] : [prev, v];
    } else out[key] = v;
  }
  return out;
}

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
