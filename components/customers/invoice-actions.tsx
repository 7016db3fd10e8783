'use client';

import { useRouter } from 'next/navigation';
import { useId } from 'react';
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

function useInvoiceDialog<T>(action: InvoiceAction<T>, customerId: string, invoiceId: string) {
  const router = useRouter();
  return useDialogForm(action.bind(null, customerId, invoiceId), { onSuccess: () => router.refresh() });
}

function CancelDialog({ customerId, invoice }: DialogProps) {
  const id = useId();
  const form = useInvoiceDialog(cancelInvoiceAction, customerId, invoice.id);
  return (
    <ConfirmDialog
      triggerLabel="Annuler la facture"
      triggerVariant="secondary"
      triggerSize="sm"
      triggerAriaLabel={`Annuler la facture ${invoice.number}`}
      title={`Annuler la facture ${invoice.number} ?`}
      confirmLabel="Annuler la facture"
      cancelLabel="Fermer"
      pendingLabel="Annulation…"
      onConfirm={form.confirm}
    >
      <p>
        La facture reste enregistrée avec son numéro, marquée « Annulée » : elle ne compte plus dans le solde du client.
        L’intervention facturée, s’il y en a une, pourra être facturée à nouveau.
      </p>
      <form id={form.id} onSubmit={form.onSubmit} aria-label="Annuler la facture">
        <TextareaField
          id={`${id}-reason`}
          label="Motif de l’annulation"
          name="reason"
          required
          rows={3}
          maxLength={500}
          error={form.errors.reason}
        />
      </form>
    </ConfirmDialog>
  );
}

function CreditNoteDialog({ customerId, invoice }: DialogProps) {
  const id = useId();
  const form = useInvoiceDialog(issueCreditNoteAction, customerId, invoice.id);
  return (
    <ConfirmDialog
      triggerLabel="Émettre un avoir"
      triggerVariant="secondary"
      triggerSize="sm"
      triggerAriaLabel={`Émettre un avoir sur la facture ${invoice.number}`}
      tone="primary"
      title={`Avoir sur la facture ${invoice.number}`}
      confirmLabel="Émettre l’avoir"
      pendingLabel="Émission…"
      onConfirm={form.confirm}
    >
      <p>
        L’avoir reçoit son propre numéro (série AV). La TVA est répartie comme sur la facture. Ce qui a déjà été payé
        au-delà du nouveau montant dû pourra être remboursé.
      </p>
      <form id={form.id} onSubmit={form.onSubmit} className="space-y-3" aria-label="Émettre un avoir">
        <TextField
          id={`${id}-amount`}
          label="Montant TTC (€)"
          name="amount"
          inputMode="decimal"
          required
          placeholder="0,00"
          hint={`Au plus ${formatMoney(invoice.creditableCents)}.`}
          error={form.errors.amount}
        />
        <TextareaField
          id={`${id}-reason`}
          label="Motif"
          name="reason"
          required
          rows={2}
          maxLength={500}
          error={form.errors.reason}
        />
      </form>
    </ConfirmDialog>
  );
}

function RefundDialog({ customerId, invoice }: DialogProps) {
  const id = useId();
  const form = useInvoiceDialog(recordRefundAction, customerId, invoice.id);
  return (
    <ConfirmDialog
      triggerLabel="Rembourser"
      triggerVariant="secondary"
      triggerSize="sm"
      triggerAriaLabel={`Rembourser le client sur la facture ${invoice.number}`}
      tone="primary"
      title={`Remboursement sur la facture ${invoice.number}`}
      confirmLabel="Enregistrer le remboursement"
      pendingLabel="Enregistrement…"
      onConfirm={form.confirm}
    >
      <p>À rembourser au client : {formatMoney(invoice.refundableCents)}.</p>
      <form id={form.id} onSubmit={form.onSubmit} className="grid gap-3 sm:grid-cols-2" aria-label="Rembourser">
        <TextField
          id={`${id}-amount`}
          label="Montant (€)"
          name="amount"
          inputMode="decimal"
          required
          defaultValue={euroInput(invoice.refundableCents)}
          error={form.errors.amount}
        />
        <SelectField
          id={`${id}-method`}
          label="Moyen"
          name="method"
          required
          defaultValue="transfer"
          options={METHOD_CHOICES}
          error={form.errors.method}
        />
        <TextField
          id={`${id}-date`}
          label="Date du remboursement"
          name="refundedAt"
          type="date"
          required
          defaultValue={dayKey(new Date())}
          error={form.errors.refundedAt}
        />
        <TextField
          id={`${id}-reference`}
          label="Référence"
          name="reference"
          maxLength={100}
          hint="Facultatif (n° de virement, de chèque…)"
          error={form.errors.reference}
        />
      </form>
    </ConfirmDialog>
  );
}
