import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';
import { customers } from './customers';
import type { InvoiceStatus, PaymentMethod } from './enums';
import { interventions } from './interventions';
// Interventions moved to ./interventions; re-exported so existing imports keep working.
export { interventionLines, interventions } from './interventions';
export {
  INTERVENTION_STATUSES,
  type InterventionStatus,
  INTERVENTION_KINDS,
  INVOICE_STATUSES,
  type InvoiceStatus,
  PAYMENT_METHODS,
  type PaymentMethod,
} from './enums';

export const invoices = pgTable(
  'invoices',
  {
    id: id(),
    // No cascade: invoices are kept 10 years (French accounting law), even through GDPR erasure.
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    interventionId: uuid('intervention_id').references((): AnyPgColumn => interventions.id, { onDelete: 'set null' }),
    number: text('number').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    totalHtCents: integer('total_ht_cents').notNull(),
    vatCents: integer('vat_cents').notNull(),
    totalTtcCents: integer('total_ttc_cents').notNull(),
    // Denormalised from payments in the same transaction that records a payment.
    paidCents: integer('paid_cents').notNull().default(0),
    // Denormalised the same way from credit_notes (TTC) and refunds (lib/finances/corrections.ts).
    creditedCents: integer('credited_cents').notNull().default(0),
    refundedCents: integer('refunded_cents').notNull().default(0),
    /**
     * What the customer still owes on this invoice (negative: what the business owes back after a credit
     * note, until refunded); 0 once cancelled. Computed by the database so every balance, overdue amount
     * and export reads one definition.
     */
    balanceCents: integer('balance_cents')
      .notNull()
      .generatedAlwaysAs(
        sql`case when status = 'cancelled' then 0 else total_ttc_cents - credited_cents - paid_cents + refunded_cents end`,
      ),
    status: text('status').$type<InvoiceStatus>().notNull().default('unpaid'),
    // Issued invoices are never deleted (French invoicing): a cancellation keeps the row and its number.
    // Null on invoices cancelled before these columns existed.
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('invoices_number_uq').on(t.number),
    // Global search: any fragment of the number (finance.read only, lib/search).
    index('invoices_number_trgm_idx').using('gin', t.number.op('gin_trgm_ops')),
    index('invoices_customer_idx').on(t.customerId, t.issuedAt.desc(), t.id.desc()),
    index('invoices_intervention_idx').on(t.interventionId),
    index('invoices_status_due_idx').on(t.status, t.dueAt),
    check(
      'invoices_amounts_ck',
      sql`${t.totalHtCents} >= 0 and ${t.vatCents} >= 0 and ${t.totalTtcCents} = ${t.totalHtCents} + ${t.vatCents}`,
    ),
    check('invoices_paid_ck', sql`${t.paidCents} >= 0 and ${t.paidCents} <= ${t.totalTtcCents}`),
    check('invoices_credited_ck', sql`${t.creditedCents} >= 0 and ${t.creditedCents} <= ${t.totalTtcCents}`),
    // Money goes back only out of what was paid and credited (lib/finances/corrections.ts keeps it so).
    check(
      'invoices_refunded_ck',
      sql`${t.refundedCents} >= 0 and ${t.refundedCents} <= ${t.paidCents} and ${t.refundedCents} <= ${t.creditedCents}`,
    ),
    check('invoices_cancelled_ck', sql`${t.cancelledAt} is null or ${t.status} = 'cancelled'`),
  ],
);

export const payments = pgTable(
  'payments',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'restrict' }),
    amountCents: integer('amount_cents').notNull(),
    method: text('method').$type<PaymentMethod>().notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
    reference: text('reference'),
    createdAt: createdAt(),
  },
  (t) => [
    index('payments_customer_idx').on(t.customerId, t.paidAt.desc(), t.id.desc()),
    index('payments_invoice_idx').on(t.invoiceId),
    check('payments_amount_ck', sql`${t.amountCents} > 0`),
  ],
);

/**
 * Credit notes (« avoirs »): a partial or total reversal of a paid or partly paid invoice, numbered in
 * their own gap-free yearly series (AV-<year>-<n>, lib/finances/numbering.ts). Never deleted.
 */
export const creditNotes = pgTable(
  'credit_notes',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'restrict' }),
    number: text('number').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    totalHtCents: integer('total_ht_cents').notNull(),
    vatCents: integer('vat_cents').notNull(),
    totalTtcCents: integer('total_ttc_cents').notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('credit_notes_number_uq').on(t.number),
    index('credit_notes_customer_idx').on(t.customerId, t.issuedAt.desc(), t.id.desc()),
    index('credit_notes_invoice_idx').on(t.invoiceId),
    check(
      'credit_notes_amounts_ck',
      sql`${t.totalHtCents} >= 0 and ${t.vatCents} >= 0 and ${t.totalTtcCents} > 0 and ${t.totalTtcCents} = ${t.totalHtCents} + ${t.vatCents}`,
    ),
  ],
);

/** Money paid back to the customer on an invoice (after a credit note left it overpaid). */
export const refunds = pgTable(
  'refunds',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'restrict' }),
    amountCents: integer('amount_cents').notNull(),
    method: text('method').$type<PaymentMethod>().notNull(),
    refundedAt: timestamp('refunded_at', { withTimezone: true }).notNull(),
    reference: text('reference'),
    createdAt: createdAt(),
  },
  (t) => [
    index('refunds_customer_idx').on(t.customerId, t.refundedAt.desc(), t.id.desc()),
    index('refunds_invoice_idx').on(t.invoiceId),
    check('refunds_amount_ck', sql`${t.amountCents} > 0`),
  ],
);
