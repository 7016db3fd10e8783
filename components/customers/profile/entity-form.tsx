'use client';

import { type ReactNode, useEffect, useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { type FormErrors, useFormAction } from '@/components/ui/use-form-action';
import type { ActionState } from '@/lib/actions';

/**
 * `{ id, name, error }` of a field: the id is `<idPrefix>-<row id or 'new'>-<idSuffix ?? name>`, unique when
 * several forms are open on the page.
 */
export type FieldBinder = (
  name: string,
  idSuffix?: string,
) => { id: string; name: string; error: string[] | undefined };

export interface EntityFormProps {
  customerId: string;
  /** The edited row's id; undefined when adding. */
  entityId?: string;
  /** Prefix of the field ids, e.g. 'contact' → 'contact-<id>-name' or 'contact-new-name'. */
  idPrefix: string;
  create: (customerId: string, state: ActionState, formData: FormData) => Promise<ActionState>;
  update: (customerId: string, entityId: string, state: ActionState, formData: FormData) => Promise<ActionState>;
  validate: (formData: FormData) => FormErrors | null;
  /** Accessible name of the form. */
  label: string;
  submitLabel: string;
  onDone: () => void;
  /** The fields; spread `field(name)` into each so its id, name and error match. */
  children: (field: FieldBinder) => ReactNode;
}

/**
 * The add/edit form of a row of a customer's profile list (contacts, vehicles): server action with the
 * same zod check in the browser, field errors, toast and close on success, Annuler / submit buttons.
 */
export function EntityForm({
  customerId,
  entityId,
  idPrefix,
  create,
  update,
  validate,
  label,
  submitLabel,
  onDone,
  children,
}: EntityFormProps) {
  const action = useMemo(
    () => (entityId ? update.bind(null, customerId, entityId) : create.bind(null, customerId)),
    [customerId, entityId, create, update],
  );
  const { state, formAction, onSubmit, pending, errors } = useFormAction(action, { validate });
  const toast = useToast();
  const prefix = `${idPrefix}-${entityId ?? 'new'}`;
  const field: FieldBinder = (name, idSuffix) => ({ id: `${prefix}-${idSuffix ?? name}`, name, error: errors[name] });

  useEffect(() => {
    if (state.ok) {
      toast.success(state.message);
      onDone();
    }
  }, [state, toast, onDone]);

  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      aria-label={label}
      className="space-y-3 rounded-md border border-blue-200 bg-blue-50/40 p-3"
    >
      <FormMessage state={state.ok ? null : state} />
      {children(field)}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onDone} disabled={pending}>
          Annuler
        </Button>
        <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
          {pending ? 'Enregistrement…' : submitLabel}
        </Button>
      </div>
    </form>
  );
}
