'use client';
/**
 * A form inside a ConfirmDialog / ConfirmModal: « Confirmer » reads the form, calls the server action,
 * keeps the dialog open with the field errors on a refusal, toasts the answer.
 *
 *   const form = useDialogForm(updateDocumentAction.bind(null, customerId, doc.id), { onSuccess: refresh });
 *   <ConfirmDialog … onConfirm={form.confirm}><form id={form.id} onSubmit={form.onSubmit}>
 *     <TextField name="originalName" error={form.errors.originalName} /></form></ConfirmDialog>
 */
import { type FormEvent, useId, useState } from 'react';
import type { ActionState } from '@/lib/actions';
import { useToast } from './toast';

export function useDialogForm<T>(
  action: (state: ActionState, formData: FormData) => Promise<ActionState<T>>,
  options: { onSuccess?: (state: ActionState<T>) => void; successToast?: boolean } = {},
) {
  // Found by id when « Confirmer » is pressed (the form lives in the dialog, the button outside it).
  const id = useId();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const toast = useToast();

  async function confirm(): Promise<boolean> {
    const result = await action(
      { ok: false, message: '' },
      new FormData((document.getElementById(id) as HTMLFormElement | null) ?? undefined),
    );
    setErrors(result.ok ? {} : (result.fieldErrors ?? {}));
    if (!result.ok) {
      // Field errors show under their field; the message says what to fix as a whole.
      toast.error(result.message);
      return false;
    }
    if (options.successToast !== false) toast.success(result.message);
    options.onSuccess?.(result);
    return true;
  }

  return {
    id,
    errors,
    confirm,
    reset: () => setErrors({}),
    // Enter in a field does not post the form natively: « Confirmer » is the only way in.
    onSubmit: (e: FormEvent) => e.preventDefault(),
  };
}
