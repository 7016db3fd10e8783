'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { type ActionState, formDataToObject, runAction } from '@/lib/actions';
import { requireActionActor } from '@/lib/auth/session';
import { AppError, zodFieldErrors } from '@/lib/errors';
import { parseId } from '@/lib/http/parse';
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

async function run<T>(body: () => Promise<ActionState<T>>): Promise<ActionState<T>> {
  const state = await runAction(body);
  return state.ok ? state : { ...state, fieldErrors: toFormFieldErrors(state.fieldErrors) };
}

function revalidateCustomer(customerId: string) {
  // Every tab of the customer (finances, activity timeline, dashboard-360) shows these figures.
  revalidatePath(`/customers/${customerId}`, 'layout');
}

export async function createInvoiceAction(
  customerId: string,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  return run(async () => {
    const actor = await requireActionActor('finance.write');
    const id = parseId(customerId, 'Client');
    const raw = formDataToObject(formData);
    const parsed = invoiceCreateSchema.safeParse(invoiceFormInput(raw));
    if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
    const invoice = await createInvoice(getDb(), actor, id, parsed.data);
    revalidateCustomer(id);
    return { ok: true, message: `Facture ${invoice.number} enregistrée.`, data: { id: invoice.id } };
  });
}

export async function recordPaymentAction(
  customerId: string,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  return run(async () => {
    const actor = await requireActionActor('finance.write');
    const id = parseId(customerId, 'Client');
    const raw = formDataToObject(formData);
    const parsed = paymentCreateSchema.safeParse(paymentFormInput(raw));
    if (!parsed.success) throw AppError.validation(zodFieldErrors(parsed.error));
    const { invoice } = await recordPayment(getDb(), actor, id, parsed.data);
    revalidateCustomer(id);
    return {
      ok: true,
      message:
        invoice.remainingCents === 0
          ? `Paiement enregistré : facture ${invoice.number} soldée.`
          : `Paiement enregistré. Reste dû sur ${invoice.number} : ${new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(invoice.remainingCents / 100)}.`,
      data: { invoiceId: invoice.id },
    };
  });
}
