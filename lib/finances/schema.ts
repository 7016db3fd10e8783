import { z } from 'zod';
import type * as db from '@/db/schema/finances';
import { limitSchema } from '@/lib/pagination';
export { PAYMENT_METHOD_LABELS, INVOICE_STATUS_LABELS } from './labels';

// Restated (type-checked against db/schema/finances.ts) so the client forms that import this
// module do not pull drizzle's table definitions into the browser bundle.
export const PAYMENT_METHODS = [
  'card',
  'transfer',
  'cash',
  'check',
  'direct-debit',
] as const satisfies typeof db.PAYMENT_METHODS;
export const INVOICE_STATUSES = [
  'unpaid',
  'partial',
  'paid',
  'cancelled',
] as const satisfies typeof db.INVOICE_STATUSES;

/**
 * Invoices and payments, once: the API handlers and the server actions validate with these
 * schemas (the form posts euros, the action converts them to cents before validating).
 */

const MAX_CENTS = 1_000_000_000; // 10 M€: beyond that it is a typo, and it stays inside int4.

/** A date or date-time (ISO 8601): "2026-03-01" is midnight UTC that day. */
export const dateField = (label: string) =>
  z.union([z.string(), z.date()], { message: `${label} : date requise.` }).transform((value, ctx) => {
    const d = value instanceof Date ? value : new Date(value.trim());
    if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1990 || d.getUTCFullYear() > 2100) {
      ctx.addIssue({ code: 'custom', message: `${label} : date invalide (AAAA-MM-JJ).` });
      return z.NEVER;
    }
    return d;
  });

const cents = (label: string, { positive }: { positive: boolean }) =>
  z
    .number({ message: `${label} : montant requis (nombre).` })
    .int(`${label} : montant en centimes entiers.`)
    .min(
      positive ? 1 : 0,
      positive ? `${label} : le montant doit être positif.` : `${label} : le montant ne peut pas être négatif.`,
    )
    .max(MAX_CENTS, `${label} : montant trop élevé.`);

export const INVOICE_NUMBER_RE = /^[A-Z0-9][A-Z0-9\-/]{0,39}$/;

export const invoiceFields = {
  number: z
    .string({ message: 'Numéro de facture requis.' })
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(
      z
        .string()
        .min(1, 'Numéro de facture requis.')
        .max(40, '40 caractères maximum.')
        .regex(INVOICE_NUMBER_RE, 'Lettres, chiffres, « - » et « / » uniquement (ex. F-2026-000123).')
        // The AV- series is the credit notes' (lib/finances/numbering.ts): an invoice there would read as one.
        .refine((v) => !v.startsWith('AV-'), 'Le préfixe AV- est réservé aux avoirs.'),
    ),
  issuedAt: dateField("Date d'émission"),
  dueAt: dateField("Date d'échéance"),
  totalHtCents: cents('Total HT', { positive: false }),
  vatCents: cents('TVA', { positive: false }),
  interventionId: z
    .string()
    .uuid('Intervention invalide.')
    .nullish()
    .transform((v) => v ?? null),
};

export const invoiceCreateSchema = z
  .object(invoiceFields)
  .strict()
  .superRefine((v, ctx) => {
    if (v.dueAt.getTime() < v.issuedAt.getTime())
      ctx.addIssue({ code: 'custom', path: ['dueAt'], message: "L'échéance ne peut pas précéder la date d'émission." });
    if (v.totalHtCents + v.vatCents > MAX_CENTS)
      ctx.addIssue({ code: 'custom', path: ['vatCents'], message: 'Total TTC trop élevé.' });
  });
export type InvoiceCreateInput = z.output<typeof invoiceCreateSchema>;

export const paymentFields = {
  invoiceId: z.string({ message: 'Facture requise.' }).uuid('Facture invalide.'),
  amountCents: cents('Montant', { positive: true }),
  method: z.enum(PAYMENT_METHODS, { message: 'Moyen de paiement invalide.' }),
  paidAt: dateField('Date du paiement'),
  reference: z
    .string()
    .trim()
    .max(100, '100 caractères maximum.')
    .nullish()
    .transform((v) => (v ? v : null)),
};

export const paymentCreateSchema = z.object(paymentFields).strict();
export type PaymentCreateInput = z.output<typeof paymentCreateSchema>;

/** Why an invoice is cancelled or credited: said in the activity and kept on the record. */
const reasonField = (what: string) =>
  z
    .string({ message: `Motif ${what} requis.` })
    .trim()
    .min(3, `Motif ${what} requis (3 caractères au moins).`)
    .max(500, 'Motif : 500 caractères maximum.');

/** « Annuler la facture »: only an invoice with no payment (lib/finances/corrections.ts). */
export const invoiceCancelSchema = z.object({ reason: reasonField("d'annulation") }).strict();
export type InvoiceCancelInput = z.output<typeof invoiceCancelSchema>;

/**
 * « Émettre un avoir »: one TTC amount; HT and VAT are split by the server in the invoice's own VAT
 * proportion, so the credit notes of an invoice add up to its exact HT and VAT once it is fully credited.
 */
export const creditNoteCreateSchema = z
  .object({ amountCents: cents('Montant', { positive: true }), reason: reasonField("de l'avoir") })
  .strict();
export type CreditNoteCreateInput = z.output<typeof creditNoteCreateSchema>;

/** « Rembourser »: money paid back out of what a credit note left overpaid on the invoice. */
export const refundCreateSchema = z
  .object({
    amountCents: cents('Montant', { positive: true }),
    method: paymentFields.method,
    refundedAt: dateField('Date du remboursement'),
    reference: paymentFields.reference,
  })
  .strict();
export type RefundCreateInput = z.output<typeof refundCreateSchema>;

export const INVOICE_SORTS = ['issuedAt', 'dueAt', 'total'] as const;
export const PAYMENT_SORTS = ['paidAt', 'amount'] as const;
export const SORT_ORDERS = ['asc', 'desc'] as const;

const cursorField = z.string().max(1024).optional();

export const invoiceListQuerySchema = z.object({
  sort: z.enum(INVOICE_SORTS).default('issuedAt'),
  order: z.enum(SORT_ORDERS).default('desc'),
  status: z.enum([...INVOICE_STATUSES, 'overdue']).optional(),
  limit: limitSchema,
  cursor: cursorField,
});
export type InvoiceListQuery = z.output<typeof invoiceListQuerySchema>;

export const paymentListQuerySchema = z.object({
  sort: z.enum(PAYMENT_SORTS).default('paidAt'),
  order: z.enum(SORT_ORDERS).default('desc'),
  invoiceId: z.guid().optional(),
  limit: limitSchema,
  cursor: cursorField,
});
export type PaymentListQuery = z.output<typeof paymentListQuerySchema>;

/**
 * Keyset cursor: the sort value of the last row (ISO date or cents) and its id, plus the sort it
 * was made for — a cursor replayed with another sort is a 400, not a silently wrong page.
 */
export const listCursorSchema = z.object({
  s: z.string().max(20),
  o: z.enum(SORT_ORDERS),
  v: z.union([z.string().datetime({ offset: true }), z.number().int()]),
  id: z.guid(),
});
export type ListCursor = z.infer<typeof listCursorSchema>;

/** "1 234,56" / "1234.5" / "12 €" → cents; null when it is not a number (the schema then says why). */
export function eurosToCents(value: unknown): number | undefined | unknown {
  if (typeof value !== 'string') return value;
  const cleaned = value.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (cleaned === '') return undefined;
  if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return Number.NaN;
  return Math.round(Number(cleaned) * 100);
}

/**
 * The forms post euros under `totalHt`, `vat`, `amount`; these turn a form's raw values into the
 * API input so the browser and the server action validate with the same schemas, and map the
 * schema's field names back to the form's.
 */
export const FORM_FIELD_NAMES: Record<string, string> = {
  totalHtCents: 'totalHt',
  vatCents: 'vat',
  amountCents: 'amount',
};

export function invoiceFormInput(raw: Record<string, unknown>) {
  return {
    number: raw.number,
    issuedAt: raw.issuedAt,
    dueAt: raw.dueAt,
    totalHtCents: eurosToCents(raw.totalHt),
    vatCents: eurosToCents(raw.vat ?? '0'),
    interventionId: raw.interventionId,
  };
}

export function paymentFormInput(raw: Record<string, unknown>) {
  return {
    invoiceId: raw.invoiceId,
    amountCents: eurosToCents(raw.amount),
    method: raw.method,
    paidAt: raw.paidAt,
    reference: raw.reference,
  };
}

export function creditNoteFormInput(raw: Record<string, unknown>) {
  return { amountCents: eurosToCents(raw.amount), reason: raw.reason };
}

export function refundFormInput(raw: Record<string, unknown>) {
  return {
    amountCents: eurosToCents(raw.amount),
    method: raw.method,
    refundedAt: raw.refundedAt,
    reference: raw.reference,
  };
}

export function toFormFieldErrors(fields: Record<string, string[]> | undefined): Record<string, string[]> | undefined {
  if (!fields) return fields;
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [FORM_FIELD_NAMES[k] ?? k, v]));
}
