'use client';
/**
 * useFormAction: useActionState + the same zod schema in the browser before anything is sent.
 *
 *   const { state, formAction, onSubmit, pending, errors } = useFormAction(createVehicleAction.bind(null, id), {
 *     validate: zodValidator(vehicleCreateSchema),
 *   });
 *   <form action={formAction} onSubmit={onSubmit}>
 *     <TextField name="plate" label="Immatriculation" error={errors.plate} />
 *     <Button type="submit" disabled={pending}>{pending ? 'Enregistrement…' : 'Enregistrer'}</Button>
 *   </form>
 *
 * - `errors` = browser validation errors, else the server's `state.fieldErrors` (always shown).
 * - With JavaScript the submission goes through onSubmit (so React does not reset the form and the typed
 *   values stay after a server-side error); without it, `action` still posts to the server action.
 * - The submit button's name/value (e.g. confirmDuplicates=1) is included in the FormData.
 * - After any failed validation, focus moves to the first invalid field.
 */
import { type FormEvent, startTransition, useActionState, useEffect, useRef, useState } from 'react';
import type { ZodType } from 'zod';
import type { ActionState } from '@/lib/actions';

export type FormErrors = Record<string, string[]>;

export const emptyActionState: ActionState = { ok: false, message: '' };

/**
 * FormData → object with '' as undefined (like the server's formDataToObject), then the schema's issues by field.
 * `input`: the form's own FormData → input mapping instead (e.g. reportFormInput), as its server action reads it.
 * `rules`: cross-field rules (e.g. customerRuleIssues) also reported when a field error stops zod before its
 * refinements, so the user sees every problem at once — as the server action does.
 */
export function zodValidator(
  schema: ZodType,
  options: {
    pick?: readonly string[];
    input?: (formData: FormData) => unknown;
    rules?: (values: Record<string, string | null>) => { path: string; message: string }[];
  } = {},
) {
  return (formData: FormData): FormErrors | null => {
    const data: Record<string, unknown> = {};
    for (const [key, value] of formData.entries()) {
      if (key.startsWith('$ACTION')) continue;
      if (options.pick && !options.pick.includes(key)) continue;
      data[key] = typeof value === 'string' && value.trim() === '' ? undefined : value;
    }
    const result = schema.safeParse(options.input ? options.input(formData) : data);
    if (result.success) return null;
    const errors: FormErrors = {};
    for (const issue of result.error.issues) {
      const key = issue.path.length ? issue.path.join('.') : '_';
      (errors[key] ??= []).push(issue.message);
    }
    if (options.rules) {
      const text = Object.fromEntries(
        Object.entries(data).map(([k, v]) => [k, typeof v === 'string' && v.trim() ? v.trim() : null]),
      );
      for (const issue of options.rules(text)) errors[issue.path] ??= [issue.message];
    }
    return errors;
  };
}

type Validate = (formData: FormData) => FormErrors | null | Promise<FormErrors | null>;

/**
 * A validator whose module (zod ~30 kB gzip, plus libphonenumber for some forms) loads on first use
 * rather than with the page; `preload()` (e.g. on the form's first focus) fetches it early. If it cannot
 * be fetched (offline, new deployment), the submission goes on: the server action checks the same schema.
 */
export function lazyValidator(
  load: () => Promise<(formData: FormData) => FormErrors | null>,
): Validate & { preload: () => void } {
  let loaded: Promise<(formData: FormData) => FormErrors | null> | null = null;
  const get = () => (loaded ??= load().catch(() => () => null));
  return Object.assign(async (formData: FormData) => (await get())(formData), { preload: () => void get() });
}

export function useFormAction<T>(
  action: (state: ActionState<T>, formData: FormData) => Promise<ActionState<T>>,
  options: { validate?: Validate; initialState?: ActionState<T> } = {},
) {
  const [state, formAction, pending] = useActionState(
    action,
    (options.initialState ?? emptyActionState) as ActionState<T>,
  );
  const [clientErrors, setClientErrors] = useState<FormErrors | null>(null);
  const formRef = useRef<HTMLFormElement | null>(null);
  const awaitingServer = useRef(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    formRef.current = form;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = submitter ? new FormData(form, submitter) : new FormData(form);
    const errors = (await options.validate?.(formData)) ?? null;
    setClientErrors(errors);
    if (errors) return;
    awaitingServer.current = true;
    startTransition(() => formAction(formData));
  }

  const errors: FormErrors = clientErrors ?? state.fieldErrors ?? {};

  // Move focus to the first invalid field once the errors are rendered: browser errors at once,
  // server errors when the action's answer arrives.
  useEffect(() => {
    if (clientErrors) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [clientErrors]);
  useEffect(() => {
    if (!awaitingServer.current) return;
    awaitingServer.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);

  return { state, formAction, onSubmit, pending, errors, clearErrors: () => setClientErrors(null) };
}
