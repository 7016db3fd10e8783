'use client';

import { useId, useState } from 'react';
import { ConfirmModal } from '@/components/ui/confirm-dialog';
import { TextField } from '@/components/ui/field';
import { useDialogForm } from '@/components/ui/use-dialog-form';
import { copyCustomerAction } from '@/lib/customers/copy-actions';
import { COPY_CLEARED_FIELDS, COPY_KEEPABLE_FIELDS } from '@/lib/customers/copy-fields';
import { CUSTOMER_FIELD_LABELS } from '@/lib/customers/labels';

/** « E-mail, SIRET, N° TVA, Téléphone et Mobile »: the fields the copy loses, as the mutation clears them. */
function listOf(fields: readonly string[]): string {
  const names = fields.map((f) => CUSTOMER_FIELD_LABELS[f as keyof typeof CUSTOMER_FIELD_LABELS]);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} et ${names[names.length - 1]}` : names.join('');
}
const CLEARED = listOf(COPY_CLEARED_FIELDS);
const KEEPABLE = listOf(COPY_KEEPABLE_FIELDS).toLowerCase();

/**
 * « Dupliquer » (opened from the header's « ⋯ » menu): says exactly what is copied and what is
 * cleared, asks for a way to reach the copy (e-mail, téléphone or mobile: never an unreachable
 * customer), optionally keeps the phones, then opens the copy's edit form.
 */
export function CopyCustomerDialog({
  customerId,
  displayName,
  open,
  onClose,
}: {
  customerId: string;
  displayName: string;
  open: boolean;
  onClose: () => void;
}) {
  const [keepPhones, setKeepPhones] = useState(false);
  const id = useId();
  // Success redirects to the copy's edit form; a refusal keeps the dialog open with its field errors.
  const form = useDialogForm(copyCustomerAction.bind(null, customerId), { successToast: false });
  return (
    <ConfirmModal
      open={open}
      onClose={onClose}
      tone="primary"
      title={`Dupliquer ${displayName} ?`}
      confirmLabel="Créer la copie"
      pendingLabel="Duplication…"
      onConfirm={form.confirm}
    >
      <p>
        <strong>Copiés :</strong> identité, adresse, agence, contacts et étiquettes. <strong>Vidés :</strong> {CLEARED}{' '}
        ({KEEPABLE} gardés si vous cochez la case). <strong>Non copiés :</strong> véhicules, interventions, notes,
        historique, documents, consentements et finances.
      </p>
      <form id={form.id} onSubmit={form.onSubmit} className="space-y-3" data-testid="copy-form">
        <p className="text-slate-800">Indiquez au moins un moyen de contacter la copie.</p>
        <TextField
          id={`${id}-email`}
          label="E-mail de la copie"
          name="email"
          type="email"
          autoComplete="off"
          error={form.errors.email}
        />
        <TextField id={`${id}-phone`} label="Téléphone" name="phone" type="tel" error={form.errors.phone} />
        <TextField id={`${id}-mobile`} label="Mobile" name="mobile" type="tel" error={form.errors.mobile} />
        <label className="flex min-h-11 cursor-pointer items-center gap-3">
          <input
            type="checkbox"
            name="keepPhones"
            checked={keepPhones}
            onChange={(e) => setKeepPhones(e.target.checked)}
            className="size-5 accent-blue-700"
          />
          Garder les numéros de téléphone
        </label>
      </form>
    </ConfirmModal>
  );
}
