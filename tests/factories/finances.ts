import { randomUUID } from 'node:crypto';
import { getDb } from '@/db';
import { interventions, invoices, payments } from '@/db/schema';

/** Direct inserts (not through the code under test) for finance and analytics fixtures. */
let seq = 0;

export async function insertInvoice(
  customerId: string,
  overrides: Partial<typeof invoices.$inferInsert> & { totalHtCents?: number; vatCents?: number } = {},
) {
  const ht = overrides.totalHtCents ?? 10_000;
  const vat = overrides.vatCents ?? Math.round(ht * 0.2);
  const paid = overrides.paidCents ?? 0;
  const ttc = ht + vat;
  const [row] = await getDb()
    .insert(invoices)
    .values({
      customerId,
      number: `T-${++seq}-${randomUUID().slice(0, 8).toUpperCase()}`,
      issuedAt: new Date('2025-01-10T10:00:00Z'),
      dueAt: new Date('2025-02-10T10:00:00Z'),
      status: paid === 0 ? 'unpaid' : paid >= ttc ? 'paid' : 'partial',
      ...overrides,
      totalHtCents: ht,
      vatCents: vat,
      totalTtcCents: ttc,
      paidCents: paid,
    })
    .returning();
  return row;
}

export async function insertPayment(
  customerId: string,
  invoiceId: string,
  overrides: Partial<typeof payments.$inferInsert> = {},
) {
  const [row] = await getDb()
    .insert(payments)
    .values({
      customerId,
      invoiceId,
      amountCents: 1000,
      method: 'card',
      paidAt: new Date('2025-02-01T10:00:00Z'),
      ...overrides,
    })
    .returning();
  return row;
}

/**
 * An invoice of 120 € TTC (100 € HT + 20 € VAT) half paid by one card payment of 50 €: the
 * "partial" fixture the export, erasure and security suites share.
 */
export async function insertPartlyPaidInvoice(
  customerId: string,
  {
    invoice = {},
    payment = {},
  }: { invoice?: Partial<typeof invoices.$inferInsert>; payment?: Partial<typeof payments.$inferInsert> } = {},
) {
  const inv = await insertInvoice(customerId, { ...invoice, totalHtCents: 10_000, vatCents: 2_000, paidCents: 5_000 });
  const pay = await insertPayment(customerId, inv.id, { amountCents: 5_000, ...payment });
  return { invoice: inv, payment: pay };
}

export async function insertIntervention(
  customerId: string,
  overrides: Partial<typeof interventions.$inferInsert> = {},
) {
  const [row] = await getDb()
    .insert(interventions)
    .values({
      customerId,
      kind: 'maintenance',
      status: 'done',
      scheduledAt: overrides.completedAt ?? new Date('2025-01-10T08:00:00Z'),
      completedAt: new Date('2025-01-10T10:00:00Z'),
      totalHtCents: 15_000,
      totalTtcCents: 18_000,
      ...overrides,
    })
    .returning();
  return row;
}
