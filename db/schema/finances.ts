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
    status: text('status').$type<InvoiceStatus>().notNull().default('unpaid'),
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
