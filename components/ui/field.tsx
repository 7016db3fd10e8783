/**
 * Form fields with label, hint and error text wired for assistive tech (aria-invalid, aria-describedby).
 * Server/client safe (no hooks). The id defaults to `f-<name>`; pass `id` when the same form appears
 * several times on a page (e.g. `id={`vehicle-${v.id}-plate`}`).
 *
 *   <TextField label="E-mail" name="email" type="email" defaultValue={c.email ?? ''} error={fieldErrors?.email} />
 *   <SelectField label="Statut" name="status" options={[{ value: 'active', label: 'Actif' }]} placeholder="Tous" />
 *   <TextareaField label="Description" name="description" rows={4} hint="Facultatif" />
 *   <Field label="…" id="x" error={…}>{(a11y) => <input id="x" {...a11y} />}</Field>   (custom control)
 *
 * `error` accepts a string or the string[] of ActionState.fieldErrors[name]; only the first message shows.
 * `inputClasses(invalid)` gives the shared input look for hand-made controls.
 */
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { cn } from './cn';

export type FieldError = string | string[] | undefined | null;

export function firstError(error: FieldError): string | undefined {
  if (!error) return undefined;
  return Array.isArray(error) ? error[0] : error;
}

export function inputClasses(invalid?: boolean, extra?: string): string {
  return cn(
    'block w-full min-h-11 rounded-md border bg-white px-3 py-2 text-base text-slate-900 shadow-sm sm:text-sm',
    'placeholder:text-slate-400 focus:outline-2 focus:outline-offset-0 focus:outline-blue-600',
    'disabled:bg-slate-100 disabled:text-slate-500',
    invalid ? 'border-red-600' : 'border-slate-300',
    extra,
  );
}

interface A11yProps {
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

export interface FieldProps {
  label: ReactNode;
  id: string;
  error?: FieldError;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  children: (a11y: A11yProps) => ReactNode;
}

export function Field({ label, id, error, hint, required, className, children }: FieldProps) {
  const message = firstError(error);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = message ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cn('space-y-1', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {required && (
          <span aria-hidden="true" className="ml-0.5 text-red-700">
            *
          </span>
        )}
      </label>
      {children({ 'aria-invalid': message ? true : undefined, 'aria-describedby': describedBy })}
      <FieldNotes id={id} hint={hint} message={message} />
    </div>
  );
}

/** The hint and the error under a control, with the ids its aria-describedby points to. */
function FieldNotes({ id, hint, message }: { id: string; hint?: ReactNode; message?: string }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {message && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {message}
        </p>
      )}
    </>
  );
}

type Common = {
  label: ReactNode;
  name: string;
  id?: string;
  error?: FieldError;
  hint?: ReactNode;
  wrapperClassName?: string;
};

type ControlProps = Common & { className?: string; required?: boolean };

/**
 * Splits a labelled control's props: what the <Field> wrapper takes, what every control gets (id,
 * name, required, the shared look) and the rest, passed through to the element.
 */
function splitControlProps<P extends ControlProps>(props: P) {
  const { label, name, id, error, hint, wrapperClassName, className, required, ...rest } = props;
  const fid = id ?? `f-${name}`;
  return {
    field: { label, id: fid, error, hint, required, className: wrapperClassName },
    control: { id: fid, name, required, className: inputClasses(!!firstError(error), className) },
    rest,
  };
}

export function TextField(props: Common & InputHTMLAttributes<HTMLInputElement>) {
  const { field, control, rest } = splitControlProps(props);
  return <Field {...field}>{(a11y) => <input {...control} {...a11y} {...rest} />}</Field>;
}

export interface SelectOption {
  value: string;
  label: string;
}

export function SelectField({
  options,
  placeholder,
  ...props
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly SelectOption[]; placeholder?: string }) {
  const { field, control, rest } = splitControlProps(props);
  return (
    <Field {...field}>
      {(a11y) => (
        <select {...control} {...a11y} {...rest}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function TextareaField(props: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { field, control, rest } = splitControlProps(props);
  return <Field {...field}>{(a11y) => <textarea {...control} {...a11y} {...rest} />}</Field>;
}

/** A checkbox with its label on the right (the whole row is the touch target). */
export function CheckboxField({
  label,
  name,
  id,
  error,
  hint,
  wrapperClassName,
  ...input
}: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const fid = id ?? `f-${name}`;
  const message = firstError(error);
  return (
    <div className={cn('space-y-1', wrapperClassName)}>
      <label htmlFor={fid} className="flex min-h-11 cursor-pointer items-center gap-3 text-sm text-slate-800">
        <input
          id={fid}
          name={name}
          type="checkbox"
          className="size-5 rounded border-slate-400 accent-blue-700"
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${fid}-error` : hint ? `${fid}-hint` : undefined}
          {...input}
        />
        {label}
      </label>
      <FieldNotes id={fid} hint={hint} message={message} />
    </div>
  );
}

/** The form-level message of an ActionState (errors are announced; successes are polite). */
export function FormMessage({ state }: { state: { ok: boolean; message: string } | null | undefined }) {
  if (!state?.message) return null;
  return (
    <p
      role={state.ok ? 'status' : 'alert'}
      className={cn('rounded-md px-3 py-2 text-sm', state.ok ? 'bg-green-50 text-green-800' : 'bg-red-50 text-red-800')}
    >
      {state.message}
    </p>
  );
}
