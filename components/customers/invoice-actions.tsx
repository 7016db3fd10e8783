'use client';

import { useRouter } from 'next/navigation';
import { type ReactNode, useId } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { SelectField, TextareaField, TextField } from '@/components/ui/field';
import { dayKey, formatMoney } from '@/components/ui/format';
import { useDialogForm } from '@/components/ui/use-dialog-form';
import type { ActionState } from '@/lib/actions';
import { cancelInvoiceAction, issueCreditNoteAction, recordRefundAction } from '@/lib/finances/actions';
import { PAYMENT_METHOD_LABELS } from '@/lib/finances/labels';

/** What the per-invoice actions need to know (a plain object: it crosses from the server table). */
export interface InvoiceActionTarget {
  id: string;
  number: string;
  status: 'unpaid' | 'partial' | 'paid' | 'cancelled';
  paidCents: number;
  creditableCents: number;
  refundableCents: number;
}

const METHOD_CHOICES = Object.entries(PAYMENT_METHOD_LABELS).map(([value, label]) => ({ value, label }));
/** The amount as the money inputs take it (« 12,50 »), to prefill the most usual value. */
const euroInput = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

/**
 * « Annuler la facture » (nothing paid yet), « Émettre un avoir » (paid or partly paid) and « Rembourser »
 * (a credit note left it overpaid): only the ones the invoice allows, each a dialog posting to its server
 * action, which validates with the same schema as the API and answers field errors under the fields.
 */
export function InvoiceActions({ customerId, invoice }: { customerId: string; invoice: InvoiceActionTarget }) {
  const canCancel = invoice.status === 'unpaid' && invoice.paidCents === 0;
  if (!canCancel && invoice.creditableCents <= 0 && invoice.refundableCents <= 0) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {canCancel && <CancelDialog customerId={customerId} invoice={invoice} />}
      {invoice.creditableCents > 0 && invoice.status !== 'unpaid' && (
        <CreditNoteDialog customerId={customerId} invoice={invoice} />
      )}
      {invoice.refundableCents > 0 && <RefundDialog customerId={customerId} invoice={invoice} />}
    </div>
  );
}

type DialogProps = { customerId: string; invoice: InvoiceActionTarget };

type InvoiceAction<T> = (
  customerId: string,
  invoiceId: string,
  state: ActionState,
  formData: FormData,
) => Promise<ActionState<T>>;

/**
 * One correction's dialog: a small secondary trigger named after the invoice, the explanation, then a form
 * posted to the server action on « confirm » (the dialog stays open with the field errors on a refusal).
 */
function InvoiceDialog<T>({
  customerId,
  invoice,
  action,
  label,
  ariaLabel,
  title,
  confirmLabel,
  pendingLabel,
  intro,
  formLabel,
  grid,
  fields,
  danger,
}: DialogProps & {
  action: InvoiceAction<T>;
  label: string;
  ariaLabel: string;
  title: string;
  confirmLabel: string;
  pendingLabel: string;
  intro: ReactNode;
  formLabel: string;
  grid?: boolean;
  fields: (ids: { id: string; errors: Record<string, string[]> }) => ReactNode;
  danger?: boolean;
}) {
  const id = useId();
  const router = useRouter();
  const form = useDialogForm(action.bind(null, customerId, invoice.id), { onSuccess: () => router.refresh() });
  return (
    <ConfirmDialog
      triggerLabel={label}
      triggerVariant="secondary"
      triggerSize="sm"
      triggerAriaLabel={ariaLabel}
      tone={danger ? 'danger' : 'primary'}
      // « Annuler » would read as the action itself on « Annuler la facture ».
      cancelLabel="Fermer"
      title={title}
      confirmLabel={confirmLabel}
      pendingLabel={pendingLabel}
      onConfirm={form.confirm}
    >
      <p>{intro}</p>
      <form
        id={form.id}
        onSubmit={form.onSubmit}
        className={grid ? 'grid gap-3 sm:grid-cols-2' : 'space-y-3'}
        aria-label={formLabel}
      >
        {fields({ id, errors: form.errors })}
      </form>
    </ConfirmDialog>
  );
}

function ReasonField({ id, error, label = 'Motif' }: { id: string; error?: string[]; label?: string }) {
  return (
    <TextareaField id={`${id}-reason`} label={label} name="reason" required rows={2} maxLength={500} error={error} />
  );
}

/** The money input of the forms: euros as typed (« 1 234,56 »), turned into cents by the shared schema. */
function AmountField({
  id,
  ...props
}: {
  id: string;
  label: string;
  error?: string[];
  hint?: string;
  placeholder?: string;
  defaultValue?: string;
}) {
  return <TextField {...props} id={`${id}-amount`} name="amount" inputMode="decimal" required />;
}

function CancelDialog(props: DialogProps) {
  const { number } = props.invoice;
  return (
    <InvoiceDialog
      {...props}
      action={cancelInvoiceAction}
      danger
      label="Annuler la facture"
      ariaLabel={`Annuler la facture ${number}`}
      title={`Annuler la facture ${number} ?`}
      confirmLabel="Annuler la facture"
      pendingLabel="Annulation…"
      intro="La facture reste enregistrée avec son numéro, marquée « Annulée » : elle ne compte plus dans le solde du client. L’intervention facturée, s’il y en a une, pourra être facturée à nouveau."
      formLabel="Annuler la facture"
      fields={({ id, errors }) => <ReasonField id={id} error={errors.reason} label="Motif de l’annulation" />}
    />
  );
}

function CreditNoteDialog(props: DialogProps) {
  const { number, creditableCents } = props.invoice;
  return (
    <InvoiceDialog
      {...props}
      action={issueCreditNoteAction}
      label="Émettre un avoir"
      ariaLabel={`Émettre un avoir sur la facture ${number}`}
      title={`Avoir sur la facture ${number}`}
      confirmLabel="Émettre l’avoir"
      pendingLabel="Émission…"
      intro="L’avoir reçoit son propre numéro (série AV). La TVA est répartie comme sur la facture. Ce qui a déjà été payé au-delà du nouveau montant dû pourra être remboursé."
      formLabel="Émettre un avoir"
      fields={({ id, errors }) => (
        <>
          <AmountField
            id={id}
            label="Montant TTC (€)"
            placeholder="0,00"
            hint={`Au plus ${formatMoney(creditableCents)}.`}
            error={errors.amount}
          />
          <ReasonField id={id} error={errors.reason} />
        </>
      )}
    />
  );
}

function RefundDialog(props: DialogProps) {
  const { number, refundableCents } = props.invoice;
  return (
    <InvoiceDialog
      {...props}
      action={recordRefundAction}
      label="Rembourser"
      ariaLabel={`Rembourser le client sur la facture ${number}`}
      title={`Remboursement sur la facture ${number}`}
      confirmLabel="Enregistrer le remboursement"
      pendingLabel="Enregistrement…"
      intro={`À rembourser au client : ${formatMoney(refundableCents)}.`}
      formLabel="Rembourser"
      grid
      fields={({ id, errors }) => (
        <>
          <AmountField id={id} label="Montant (€)" defaultValue={euroInput(refundableCents)} error={errors.amount} />
          <SelectField
            id={`${id}-method`}
            label="Moyen"
            name="method"
            required
            defaultValue="transfer"
            options={METHOD_CHOICES}
            error={errors.method}
          />
          <TextField
            id={`${id}-date`}
            label="Date du remboursement"
            name="refundedAt"
            type="date"
            required
            defaultValue={dayKey(new Date())}
            error={errors.refundedAt}
          />
          <TextField
            id={`${id}-reference`}
            label="Référence"
            name="reference"
            maxLength={100}
            hint="Facultatif (n° de virement, de chèque…)"
            error={errors.reference}
          />
        </>
      )}
    />
  );
}
