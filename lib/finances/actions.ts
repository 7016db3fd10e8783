'use server';

import { formDataToObject } from '@/lib/actions';
import { defineAction, type Revalidation, reply } from '@/lib/define-action';
import { createInvoice, recordPayment } from './mutations';
import {
  invoiceCreateSchema,
  invoiceFormInput,
  paymentCreateSchema,
  paymentFormInput,
  toFormFieldErrors,
} from './schema';

/*
 * The forms post euros ("1 234,56"); the API takes cents. Field errors are reported under the
 * form's field names (totalHt, vat, amount) so they show next to the right input.
 */
const formFieldErrors = (fields: Record<string, string[]>) => toFormFieldErrors(fields) ?? fields;
// Every tab of the customer (finances, activity timeline, dashboard-360) shows these figures.
const customerLayout = ([id]: string[]): Revalidation[] => [[`/customers/${id}`, 'layout']];
const euros = (cents: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);

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
        : `Paiement enregistré. Reste dû sur ${invoice.number} : ${euros(invoice.remainingCents)}.`;
    return reply(message, { invoiceId: invoice.id });
  },
  revalidate: customerLayout,
});
