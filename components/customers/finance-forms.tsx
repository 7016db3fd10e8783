'use client';

import { useEffect, useRef } from 'react';
import type { ZodType } from 'zod';
import type { ActionState } from '@/lib/actions';
import { createInvoiceAction, recordPaymentAction } from '@/lib/finances/actions';
import {
  invoiceCreateSchema,
  invoiceFormInput,
  PAYMENT_METHOD_LABELS,
  PAYMENT_METHODS,
  paymentCreateSchema,
  paymentFormInput,
  toFormFieldErrors,
} from '@/lib/finances/schema';
import { SelectField, TextField } from '@/components/ui/field';
import { formatDate, formatMoney } from '@/components/ui/format';
import { Button } from '@/components/ui/button';
import { SubmitButton } from '@/components/ui/submit-button';
import { useActionToast } from '@/components/ui/toast';
import { type FormErrors, useFormAction } from '@/components/ui/use-form-action';

/** Browser-side check with the same schema as the server (form values in euros → cents first). */
function validator(schema: ZodType, toInput: (raw: Record<string, unknown>) => unknown) {
  return (fd: FormData): FormErrors | null => {
    const raw: Record<string, unknown> = {};
    for (const [k, v] of fd.entries())
      if (!k.startsWith('$ACTION')) raw[k] = typeof v === 'string' && v.trim() === '' ? undefined : v;
    const result = schema.safeParse(toInput(raw));
    if (result.success) return null;
    const errors: FormErrors = {};
    for (const issue of result.error.issues) (errors[issue.path.join('.') || '_'] ??= []).push(issue.message);
    return toFormFieldErrors(errors) ?? null;
  };
}

function Actions({ label, onCancel }: { label: string; onCancel?: () => void }) {
  return (
    <div className="flex flex-wrap gap-2">
      <SubmitButton pendingLabel="Enregistrement…">{label}</SubmitButton>
      {onCancel && (
        <Button variant="secondary" onClick={onCancel}>
          Fermer
        </Button>
      )}
    </div>
  );
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

function Message({ state }: { state: { ok: boolean; message: string } }) {
  if (!state.message) return null;
  return (
    <p role={state.ok ? 'status' : 'alert'} className={state.ok ? 'text-sm text-green-800' : 'text-sm text-red-700'}>
      {state.message}
    </p>
  );
}

/**
 * A finance entry form: server action with the same schema checked in the browser first, result toasted,
 * and the form emptied after each success, ready for the next entry. Spread `formProps` on the <form>.
 */
function useFinanceForm(
  action: (state: ActionState, formData: FormData) => Promise<ActionState>,
  schema: ZodType,
  toInput: (raw: Record<string, unknown>) => unknown,
) {
  const { state, onSubmit, formAction, errors } = useFormAction(action, { validate: validator(schema, toInput) });
  useActionToast(state);
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) ref.current?.reset();
  }, [state]);
  const formProps = { ref, action: formAction, onSubmit, noValidate: true, className: 'grid gap-3 sm:grid-cols-2' };
  return { state, errors, formProps };
}

export function InvoiceForm({ customerId, onCancel }: { customerId: string; onCancel?: () => void }) {
  const { state, errors, formProps } = useFinanceForm(
    createInvoiceAction.bind(null, customerId),
    invoiceCreateSchema,
    invoiceFormInput,
  );
  return (
    <form {...formProps} aria-label="Enregistrer une facture">
      <TextField
        id="inv-number"
        label="Numéro"
        name="number"
        required
        placeholder="F-2026-000123"
        autoComplete="off"
        error={errors.number}
      />
      <TextField
        id="inv-issued"
        label="Date d’émission"
        name="issuedAt"
        type="date"
        required
        defaultValue={today()}
        error={errors.issuedAt}
      />
      <TextField id="inv-due" label="Échéance" name="dueAt" type="date" required error={errors.dueAt} />
      <TextField
        id="inv-ht"
        label="Total HT (€)"
        name="totalHt"
        inputMode="decimal"
        required
        placeholder="0,00"
        error={errors.totalHt}
      />
      <TextField
        id="inv-vat"
        label="TVA (€)"
        name="vat"
        inputMode="decimal"
        placeholder="0,00"
        hint="Le TTC est calculé : HT + TVA."
        error={errors.vat}
      />
      <div className="flex flex-col justify-end gap-2 sm:col-span-2">
        {errors._ && <p className="text-sm text-red-700">{errors._[0]}</p>}
        <Message state={state} />
        <Actions label="Enregistrer la facture" onCancel={onCancel} />
      </div>
    </form>
  );
}

export interface OpenInvoiceOption {
  id: string;
  number: string;
  remainingCents: number;
  dueAt: string;
}

export function PaymentForm({
  customerId,
  openInvoices,
  onCancel,
}: {
  customerId: string;
  openInvoices: OpenInvoiceOption[];
  onCancel?: () => void;
}) {
  const { state, errors, formProps } = useFinanceForm(
    recordPaymentAction.bind(null, customerId),
    paymentCreateSchema,
    paymentFormInput,
  );
  if (!openInvoices.length) return <p className="text-sm text-slate-600">Aucune facture ouverte : rien à encaisser.</p>;
  return (
    <form {...formProps} aria-label="Enregistrer un paiement">
      <SelectField
        id="pay-invoice"
        label="Facture"
        name="invoiceId"
        required
        wrapperClassName="sm:col-span-2"
        error={errors.invoiceId}
        options={openInvoices.map((i) => ({
          value: i.id,
          label: `${i.number} — reste ${formatMoney(i.remainingCents)} (échéance ${formatDate(i.dueAt)})`,
        }))}
      />
      <TextField
        id="pay-amount"
        label="Montant (€)"
        name="amount"
        inputMode="decimal"
        required
        placeholder="0,00"
        error={errors.amount}
      />
      <SelectField
        id="pay-method"
        label="Moyen de paiement"
        name="method"
        required
        error={errors.method}
        options={PAYMENT_METHODS.map((m) => ({ value: m, label: PAYMENT_METHOD_LABELS[m] }))}
      />
      <TextField
        id="pay-date"
        label="Date du paiement"
        name="paidAt"
        type="date"
        required
        defaultValue={today()}
        error={errors.paidAt}
      />
      <TextField
        id="pay-ref"
        label="Référence"
        name="reference"
        hint="Facultatif (n° de chèque, virement…)"
        maxLength={100}
        error={errors.reference}
      />
      <div className="flex flex-col gap-2 sm:col-span-2">
        <Message state={state} />
        <Actions label="Enregistrer le paiement" onCancel={onCancel} />
      </div>
    </form>
  );
}
