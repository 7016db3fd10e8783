import 'server-only';
import { revalidatePath } from 'next/cache';
import { redirect as nextRedirect } from 'next/navigation';
import type { z } from 'zod';
import { type Db, getDb } from '@/db';
import { type ActionState, formDataToObject, pickFormFields, runAction } from '@/lib/actions';
import type { Actor } from '@/lib/auth/actor';
import { can, type Permission } from '@/lib/auth/permissions';
import { requireActionActor } from '@/lib/auth/session';
import { AppError, type FieldErrors, zodFieldErrors } from '@/lib/errors';
import { parseId } from '@/lib/http/parse';

/*
 * The one server-action pipeline: permission (401/403 as a message) → bound ids (404 when malformed)
 * → FormData → zod → the domain call → revalidation → reply, every error turned into an ActionState
 * by runAction. next-safe-action does the same with a client builder; it is not used because its
 * result shape ({ data, serverError, validationErrors }) is not the ActionState every form reads, and
 * this is all we need of it (see the commit that introduced this file).
 */

const REPLY = Symbol('reply');
type Reply<T> = ActionState<T> & { [REPLY]: true };

/** An explicit answer from `run` (a refusal with data, a message computed from the result...). */
export function reply<T = undefined>(message: string, data?: T, ok = true): Reply<T> {
  const state: ActionState<T> = data === undefined ? { ok, message } : { ok, message, data };
  return Object.assign(state, { [REPLY]: true as const });
}

const isReply = (value: unknown): value is Reply<unknown> =>
  typeof value === 'object' && value !== null && REPLY in value;

/** Which form fields the schema sees: the default is every field (`formDataToObject`). */
export type FormSpec<F = unknown> =
  | { keys: readonly string[]; clearEmpty?: readonly string[]; falseWhenAbsent?: readonly string[] }
  | ((formData: FormData) => F);

/** A path to revalidate, or `[path, 'layout']` for every page under it. */
export type Revalidation = string | [string, 'layout' | 'page'];

type Ids<L extends readonly string[]> = { -readonly [K in keyof L]: string };
type Input<S, F> = S extends z.ZodType ? z.output<S> : F;
/** What the action returns: `run`'s value as `data`, or the payload of the `reply()` it returned. */
type DataOf<R> = R extends Reply<infer D> ? D : R extends void ? undefined : R;

export interface ActionDefinition<L extends readonly string[], S extends z.ZodType | undefined, F, R> {
  /** Checked first; several = all of them. */
  permission: Permission | readonly Permission[];
  /** Labels of the ids bound before (prevState, formData), in order: ['Client', 'Contact']. */
  ids?: L;
  /** FormData → the schema's input (default: every field, see formDataToObject). */
  form?: FormSpec<F>;
  schema?: S;
  run: (ctx: { actor: Actor; ids: Ids<L>; input: Input<S, F>; formData: FormData; db: Db }) => Promise<R>;
  /** Success message when `run` returns a plain value (ignored when it returns `reply(...)`). */
  message?: string | ((value: R) => string);
  revalidate?: (ids: Ids<L>, value: R) => Revalidation[];
  /** After success, outside the error boundary (Next's redirect works by throwing). */
  redirect?: (ids: Ids<L>, value: R) => string | undefined;
  /** Rewrites field errors of any failure (form field names differ from the schema's, extra rules...). */
  fieldErrors?: (fields: FieldErrors, raw: unknown) => FieldErrors;
}

function readForm(formData: FormData, form: FormSpec<unknown> | undefined): unknown {
  if (!form) return formDataToObject(formData);
  if (typeof form === 'function') return form(formData);
  return pickFormFields(formData, form.keys, form);
}

export function defineAction<
  const L extends readonly string[] = [],
  S extends z.ZodType | undefined = undefined,
  F = Record<string, unknown>,
  R = void,
>(def: ActionDefinition<L, S, F, R>): (...args: [...Ids<L>, ActionState, FormData]) => Promise<ActionState<DataOf<R>>> {
  const permissions: readonly Permission[] = typeof def.permission === 'string' ? [def.permission] : def.permission;
  const labels = def.ids ?? [];
  return async (...args) => {
    const formData = args[args.length - 1] as FormData;
    let raw: unknown;
    let after: (() => void) | undefined;
    const state = await runAction<DataOf<R>>(async () => {
      const actor = await requireActionActor(permissions[0]);
      if (permissions.some((p) => !can(actor.role, p))) throw AppError.forbidden();
      const ids = labels.map((label, i) => parseId(args[i], label)) as Ids<L>;
      raw = def.form || def.schema ? readForm(formData, def.form) : undefined;
      let input = raw as Input<S, F>;
      if (def.schema) {
        const parsed = def.schema.safeParse(raw);
        if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
        input = parsed.data as Input<S, F>;
      }
      const value = await def.run({ actor, ids, input, formData, db: getDb() });
      for (const path of def.revalidate?.(ids, value) ?? []) {
        if (typeof path === 'string') revalidatePath(path);
        else revalidatePath(path[0], path[1]);
      }
      const target = def.redirect?.(ids, value);
      if (target) after = () => nextRedirect(target);
      if (isReply(value)) {
        const { [REPLY]: _brand, ...plain } = value;
        return plain as ActionState<DataOf<R>>;
      }
      const message = typeof def.message === 'function' ? def.message(value) : (def.message ?? 'Enregistré.');
      return (value === undefined ? { ok: true, message } : { ok: true, message, data: value }) as ActionState<
        DataOf<R>
      >;
    });
    if (state.ok && after) after();
    if (!state.ok && state.fieldErrors && def.fieldErrors)
      return { ...state, fieldErrors: def.fieldErrors(state.fieldErrors, raw) };
    return state;
  };
}
