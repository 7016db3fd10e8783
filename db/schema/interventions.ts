import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAt, id, updatedAt } from './columns';
import { customers, vehicles } from './customers';
import { customerDocuments } from './documents';
import {
  INTERVENTION_KINDS,
  INTERVENTION_STATUSES,
  type InterventionKind,
  type InterventionStatus,
  VAT_RATES_BP,
} from './enums';
import { invoices } from './finances';
export {
  INTERVENTION_KINDS,
  INTERVENTION_STATUSES,
  type InterventionKind,
  type InterventionStatus,
  OPEN_INTERVENTION_STATUSES,
  VAT_RATES_BP,
  VISIT_STATUSES,
} from './enums';

// Constants only (never input) go into these CHECK lists.
const inList = (values: readonly (string | number)[]) =>
  sql.raw(values.map((v) => (typeof v === 'number' ? String(v) : `'${v}'`)).join(','));

/**
 * Work orders: what the network does for a customer, on a vehicle or at an address. The source of
 * "visits" for analytics (status done or invoiced). Amounts are computed by the server from the
 * lines (lib/interventions/totals.ts); the invoice, once issued, is the financial record.
 */
export const interventions = pgTable(
  'interventions',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    vehicleId: uuid('vehicle_id').references(() => vehicles.id, { onDelete: 'set null' }),
    technicianId: uuid('technician_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind').$type<InterventionKind>().notNull(),
    status: text('status').$type<InterventionStatus>().notNull().default('planned'),
    /** What is asked for (set when planning); the report is `workDone`. */
    description: text('description'),
    // Where the work happens: the customer's address at creation unless given.
    addressLine1: text('address_line1'),
    postalCode: text('postal_code'),
    city: text('city'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull().default(60),
    startedAt: timestamp('started_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    odometerKm: integer('odometer_km'),
    workDone: text('work_done'),
    noCharge: boolean('no_charge').notNull().default(false),
    totalHtCents: integer('total_ht_cents').notNull().default(0),
    totalTtcCents: integer('total_ttc_cents').notNull().default(0),
    invoiceId: uuid('invoice_id').references((): AnyPgColumn => invoices.id, { onDelete: 'set null' }),
    cancelReason: text('cancel_reason'),
    signatureDocumentId: uuid('signature_document_id').references((): AnyPgColumn => customerDocuments.id, {
      onDelete: 'set null',
    }),
    reportDocumentId: uuid('report_document_id').references((): AnyPgColumn => customerDocuments.id, {
      onDelete: 'set null',
    }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Ascending so one index serves both directions: upcoming (asc) and past (desc, backward scan).
    index('interventions_customer_idx').on(t.customerId, t.scheduledAt, t.id),
    // A technician's day ("Ma journée") and the planning per technician.
    index('interventions_technician_idx').on(t.technicianId, t.scheduledAt, t.id),
    // The planning of every technician for a day or a week.
    index('interventions_status_idx').on(t.status, t.scheduledAt),
    // Vehicle follow-up: last contrôle / entretien done per vehicle.
    index('interventions_vehicle_idx').on(t.vehicleId, t.kind, t.completedAt),
    index('interventions_invoice_idx').on(t.invoiceId),
    check('interventions_status_ck', sql`${t.status} in (${inList(INTERVENTION_STATUSES)})`),
    check('interventions_kind_ck', sql`${t.kind} in (${inList(INTERVENTION_KINDS)})`),
    check('interventions_totals_ck', sql`${t.totalHtCents} >= 0 and ${t.totalTtcCents} >= ${t.totalHtCents}`),
    check('interventions_duration_ck', sql`${t.durationMinutes} between 5 and 1440`),
    check('interventions_odometer_ck', sql`${t.odometerKm} is null or ${t.odometerKm} between 0 and 5000000`),
  ],
);

/**
 * Parts and labour of an intervention, saved as a whole list with the report. Quantity is a
 * decimal (1.5 h of labour); prices are HT in cents; VAT in basis points (2000 = 20 %).
 */
export const interventionLines = pgTable(
  'intervention_lines',
  {
    id: id(),
    interventionId: uuid('intervention_id')
      .notNull()
      .references(() => interventions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    quantity: numeric('quantity', { precision: 10, scale: 2 }).notNull(),
    unitPriceHtCents: integer('unit_price_ht_cents').notNull(),
    vatRateBp: integer('vat_rate_bp').notNull().default(2000),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('intervention_lines_position_uq').on(t.interventionId, t.position),
    check('intervention_lines_quantity_ck', sql`${t.quantity} > 0`),
    check('intervention_lines_price_ck', sql`${t.unitPriceHtCents} >= 0`),
    check('intervention_lines_vat_ck', sql`${t.vatRateBp} in (${inList(VAT_RATES_BP)})`),
  ],
);
