'use server';

import { formDataToObject } from '@/lib/actions';
import { defineAction, type Revalidation, reply } from '@/lib/define-action';
import { formatMoney } from '@/components/ui/format';
import { cancelInvoice, issueCreditNote, recordRefund } from './corrections';
import { createInvoice, recordPayment } from './mutations';
import {
  creditNoteCreateSchema,
  creditNoteFormInput,
  invoiceCancelSchema,
  invoiceCreateSchema,
  invoiceFormInput,
  paymentCreateSchema,
  paymentFormInput,
  refundCreateSchema,
  refundFormInput,
  toFormFieldErrors,
} from './schema';

/*
 * The forms post euros ("1 234,56"); the API takes cents. Field errors are reported under the
 * form's field names (totalHt, vat, amount) so they show next to the right input.
 */
const formFieldErrors = (fields: Record<string, string[]>) => toFormFieldErrors(fields) ?? fields;
// Every tab of the customer (finances, activity timeline, dashboard-360) shows these figures.
const customerLayout = ([id]: string[]): Revalidation[] => [[`/customers/${id}`, 'layout']];

export const createInvoiceAction = defineAction({
  permission: 'finance.write',
  ids: ['Client'],
  form: (formData) => invoiceFormInput(formDataToObject(formData)),
  schema: invoiceCreateSchema,
  fieldErrors: formFieldErrors,
  run: async ({ actor, ids: [id], input, db }) => {
    const invoice = await createInvoice(db, actor, id, input);
    return reply(`Facture ${invoice.number} enregistrée.`, { id: invoice.id });
  },
  revalidate: customerLayout,
});

export const recordPaymentAction = defineAction({
  permission: 'finance.write',
  ids: ['Client'],
  form: (formData) => paymentFormInput(formDataToObject(formData)),
  schema: paymentCreateSchema,
  fieldErrors: formFieldErrors,
  run: async ({ actor, ids: [id], input, db }) => {
    const { invoice } = await recordPayment(db, actor, id, input);
    const message =
      invoice.remainingCents === 0
        ? `Paiement enregistré : facture ${invoice.number} soldée.`
        : `Paiement enregistré. Reste dû sur ${invoice.number} : ${formatMoney(invoice.remainingCents)}.`;
    return reply(message, { invoiceId: invoice.id });
  },
  revalidate: customerLayout,
});

/** « Annuler la facture » (per-invoice dialog of the Finances tab): the reason is required. */
export const cancelInvoiceAction = defineAction({
  permission: 'finance.write',
  ids: ['Client', 'Facture'],
  form: { keys: ['reason'] },
  schema: invoiceCancelSchema,
  run: async ({ actor, ids: [id, invoiceId], input, db }) => {
    const invoice = await cancelInvoice(db, actor, id, invoiceId, input);
    return reply(`Facture ${invoice.number} annulée.`, { invoiceId: invoice.id });
  },
  revalidate: customerLayout,
});

export const issueCreditNoteAction = defineAction({
  permission: 'finance.write',
  ids: ['Client', 'Facture'],
  form: (formData) => creditNoteFormInput(formDataToObject(formData)),
  schema: creditNoteCreateSchema,
  fieldErrors: formFieldErrors,
  run: async ({ actor, ids: [id, invoiceId], input, db }) => {
    const { creditNote, invoice } = await issueCreditNote(db, actor, id, invoiceId, input);
    const owed =
      invoice.refundableCents > 0 ? ` À rembourser au client : ${formatMoney(invoice.refundableCents)}.` : '';
    return reply(`Avoir ${creditNote.number} émis sur la facture ${invoice.number}.${owed}`, {
      creditNoteId: creditNote.id,
    });
  },
  revalidate: customerLayout,
});

export const recordRefundAction = defineAction({
  permission: 'finance.write',
  ids: ['Client', 'Facture'],
  form: (formData) => refundFormInput(formDataToObject(formData)),
  schema: refundCreateSchema,
  fieldErrors: formFieldErrors,
  run: async ({ actor, ids: [id, invoiceId], input, db }) => {
    const { refund, invoice } = await recordRefund(db, actor, id, invoiceId, input);
    return reply(`Remboursement de ${formatMoney(refund.amountCents)} enregistré (facture ${invoice.number}).`, {
      refundId: refund.id,
    });
  },
  revalidate: customerLayout,
});
