import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { creditNotes, invoices, payments, refunds } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import { getCustomerAnalytics, getMonthly } from '@/lib/analytics/queries';
import { sqlRows } from '@/lib/analytics/sql';
import type { Actor } from '@/lib/auth/actor';
import { customerListColumns } from '@/lib/customers/queries';
import { buildExportBundle } from '@/lib/export/bundle';
import { bundleSections } from '@/lib/export/cells';
import { balanceOf } from '@/lib/export/pdf';
import { cancelInvoice, issueCreditNote, recordRefund } from '@/lib/finances/corrections';
import { getBalanceHistory, getFinanceOverview } from '@/lib/finances/queries';
import { actorFor, bearersByRole, createCustomer, createUser } from '@/tests/factories';
import { insertInvoice, insertPayment } from '@/tests/factories/finances';
import { call } from '@/tests/factories/http';

/**
 * What the money corrections change elsewhere: the summary (balance, overdue), the risk score, the
 * balance history, the customer list's balance column, the export bundle (JSON/CSV/PDF figures), the
 * monthly revenue and the RFM monetary value, and who sees their activity rows.
 */
const { GET: listActivitiesRoute } = await import('@/app/api/customers/[id]/activities/route');
const { GET: getFinancesRoute } = await import('@/app/api/customers/[id]/finances/route');

const DAY = 86_400_000;
const db = () => getDb();
const parisDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(d);
let auth: Record<Role, string>;
let manager: Actor;

beforeAll(async () => {
  auth = await bearersByRole();
  manager = actorFor(await createUser('manager'));
});

/** The running balance recomputed in TypeScript from the rows, one point per Paris day with events. */
async function bruteForceHistory(customerId: string) {
  const deltas = new Map<string, number>();
  const add = (d: Date, cents: number) => deltas.set(parisDay(d), (deltas.get(parisDay(d)) ?? 0) + cents);
  const invs = await db().select().from(invoices).where(eq(invoices.customerId, customerId));
  const live = new Set<string>();
  for (const i of invs) {
    if (i.status === 'cancelled' && !i.cancelledAt) continue;
    live.add(i.id);
    add(i.issuedAt, i.totalTtcCents);
    if (i.cancelledAt) add(i.cancelledAt, -i.totalTtcCents);
  }
  for (const p of await db().select().from(payments).where(eq(payments.customerId, customerId)))
    if (live.has(p.invoiceId)) add(p.paidAt, -p.amountCents);
  for (const n of await db().select().from(creditNotes).where(eq(creditNotes.customerId, customerId)))
    add(n.issuedAt, -n.totalTtcCents);
  for (const r of await db().select().from(refunds).where(eq(refunds.customerId, customerId)))
    add(r.refundedAt, r.amountCents);
  let running = 0;
  return [...deltas.keys()].sort().map((date) => ({ date, balanceCents: (running += deltas.get(date)!) }));
}

/** Summary, risk, history and list column agree with each other and with the rows. */
async function figures(customerId: string) {
  const { summary, risk } = await getFinanceOverview(db(), customerId);
  const history = await getBalanceHistory(db(), customerId);
  expect(history).toEqual(await bruteForceHistory(customerId));
  expect(history.at(-1)?.balanceCents ?? 0).toBe(summary.balanceCents);
  expect(summary.balanceCents).toBe(
    summary.invoicedCents - summary.creditedCents - summary.paidCents + summary.refundedCents,
  );
  const list = await customerListColumns(db(), [customerId], { balance: true });
  expect(list.get(customerId)?.balanceCents).toBe(summary.balanceCents);
  const points = (code: string) => risk.factors.find((f) => f.code === code)!.points;
  return { summary, risk, history, points };
}

describe('balance, overdue, risk and history after each correction', () => {
  it('cancel → credit note → credit note → refund', async () => {
    const c = await createCustomer();
    const now = Date.now();
    // A: 120 € unpaid and overdue. B: 240 € with 100 € paid, overdue. C: 120 € paid, not yet due.
    const a = await insertInvoice(c.id, { issuedAt: new Date(now - 60 * DAY), dueAt: new Date(now - 30 * DAY) });
    const b = await insertInvoice(c.id, {
      totalHtCents: 20_000,
      vatCents: 4_000,
      paidCents: 10_000,
      issuedAt: new Date(now - 50 * DAY),
      dueAt: new Date(now - 20 * DAY),
    });
    await insertPayment(c.id, b.id, { amountCents: 10_000, paidAt: new Date(now - 40 * DAY) });
    const cInv = await insertInvoice(c.id, {
      paidCents: 12_000,
      issuedAt: new Date(now - 15 * DAY),
      dueAt: new Date(now + 15 * DAY),
    });
    await insertPayment(c.id, cInv.id, { amountCents: 12_000, paidAt: new Date(now - 10 * DAY) });

    const start = await figures(c.id);
    expect(start.summary).toMatchObject({ balanceCents: 26_000, overdueCents: 26_000, overdueCount: 2 });
    expect(start.points('overdue_amount')).toBeGreaterThan(0);

    await cancelInvoice(db(), manager, c.id, a.id, { reason: 'Facture en double' });
    const cancelled = await figures(c.id);
    expect(cancelled.summary).toMatchObject({ invoicedCents: 36_000, balanceCents: 14_000, overdueCents: 14_000 });
    expect(cancelled.summary.overdueCount).toBe(1);
    expect(cancelled.risk.score).toBeLessThanOrEqual(start.risk.score);
    // A's 120 € was owed from its issue day until today's cancellation.
    expect(cancelled.history.find((p) => p.date === parisDay(a.issuedAt))?.balanceCents).toBe(12_000);

    await issueCreditNote(db(), manager, c.id, b.id, { amountCents: 14_000, reason: 'Pièce reprise' });
    const credited = await figures(c.id);
    expect(credited.summary).toMatchObject({ creditedCents: 14_000, balanceCents: 0, overdueCents: 0 });
    expect(credited.summary.overdueCount).toBe(0);
    expect(credited.points('overdue_amount') + credited.points('overdue_age')).toBe(0);
    const [settled] = await db().select().from(invoices).where(eq(invoices.id, b.id));
    expect(settled.status).toBe('paid');

    await issueCreditNote(db(), manager, c.id, cInv.id, { amountCents: 2_000, reason: 'Geste commercial' });
    const owed = await figures(c.id);
    expect(owed.summary.balanceCents).toBe(-2_000);
    expect(owed.points('balance_vs_average')).toBe(0);

    await recordRefund(db(), manager, c.id, cInv.id, {
      amountCents: 2_000,
      method: 'transfer',
      refundedAt: new Date(),
      reference: null,
    });
    const done = await figures(c.id);
    expect(done.summary).toMatchObject({ refundedCents: 2_000, balanceCents: 0, paidCents: 22_000 });

    const res = await call(getFinancesRoute, { params: { id: c.id }, auth: auth.viewer });
    expect(res.body.summary).toMatchObject({ balanceCents: 0, creditedCents: 16_000, refundedCents: 2_000 });
    expect(res.body.balanceHistory.at(-1).balanceCents).toBe(0);
  });
});

describe('exports, analytics and activity visibility', () => {
  it('the bundle carries credit notes, refunds and cancellations (finance.read only); revenue and RFM net of them', async () => {
    const c = await createCustomer();
    const paidInv = await insertInvoice(c.id, { paidCents: 12_000, issuedAt: new Date(Date.now() - 5 * DAY) });
    await insertPayment(c.id, paidInv.id, { amountCents: 12_000, paidAt: new Date(Date.now() - 4 * DAY) });
    const unpaid = await insertInvoice(c.id, { issuedAt: new Date(Date.now() - 3 * DAY) });
    await cancelInvoice(db(), manager, c.id, unpaid.id, { reason: 'Erreur de client' });
    const { creditNote } = await issueCreditNote(db(), manager, c.id, paidInv.id, {
      amountCents: 6_000,
      reason: 'Remise',
    });
    await recordRefund(db(), manager, c.id, paidInv.id, {
      amountCents: 6_000,
      method: 'check',
      refundedAt: new Date(),
      reference: 'CHQ-9',
    });

    const bundle = await buildExportBundle(db(), manager, c.id);
    expect(bundle.counts).toMatchObject({ invoices: 2, payments: 1, creditNotes: 1, refunds: 1 });
    expect(bundle.invoices.find((i) => i.id === unpaid.id)).toMatchObject({
      status: 'cancelled',
      remainingCents: 0,
      cancelReason: 'Erreur de client',
    });
    expect(bundle.invoices.find((i) => i.id === paidInv.id)).toMatchObject({
      creditedCents: 6_000,
      refundedCents: 6_000,
      refundableCents: 0,
    });
    expect(bundle.creditNotes[0]).toMatchObject({ number: creditNote.number, totalHtCents: 5_000, vatCents: 1_000 });
    expect(bundle.refunds[0]).toMatchObject({ amountCents: 6_000, method: 'check', reference: 'CHQ-9' });
    const { summary } = await getFinanceOverview(db(), c.id);
    expect(balanceOf(bundle)).toMatchObject({ balance: summary.balanceCents, credited: 6_000, refunded: 6_000 });
    const sections = bundleSections(bundle);
    expect(sections.find((s) => s.key === 'creditNotes')?.rows).toHaveLength(1);
    expect(sections.find((s) => s.key === 'refunds')?.rows).toHaveLength(1);

    const technician = actorFor(await createUser('technician'));
    const limited = await buildExportBundle(db(), technician, c.id);
    expect(limited.counts).toMatchObject({ invoices: 0, creditNotes: 0, refunds: 0 });
    expect(limited.activities.filter((a) => ['invoice', 'credit-note', 'refund'].includes(a.type))).toEqual([]);

    // Revenue HT: 100 € invoiced (the cancelled invoice counts for nothing) − 50 € credited.
    const monthly = await getMonthly(db(), c.id);
    expect(monthly.reduce((s, m) => s + m.revenueCents, 0)).toBe(5_000);
    // Monetary (money kept over 24 months): 120 € paid − 60 € refunded, in the per-customer figure and in the
    // base-wide function behind the materialized views.
    expect((await getCustomerAnalytics(db(), c.id)).rfm.monetaryCents).toBe(6_000);
    const [row] = await sqlRows<{ monetary: number }>(
      db(),
      sql`select monetary::float8 as monetary from customer_rfm_compute() where customer_id = ${c.id}`,
    );
    expect(Number(row.monetary)).toBe(6_000);
  });

  it('the activity rows of corrections are visible with finance.read only', async () => {
    const c = await createCustomer();
    const inv = await insertInvoice(c.id, { paidCents: 12_000 });
    await insertPayment(c.id, inv.id, { amountCents: 12_000 });
    await issueCreditNote(db(), manager, c.id, inv.id, { amountCents: 1_000, reason: 'Remise' });
    await recordRefund(db(), manager, c.id, inv.id, {
      amountCents: 1_000,
      method: 'cash',
      refundedAt: new Date(),
      reference: null,
    });
    const types = async (role: Role) =>
      (await call(listActivitiesRoute, { params: { id: c.id }, auth: auth[role] })).body.data.map(
        (a: { type: string }) => a.type,
      );
    expect((await types('viewer')).sort()).toEqual(['credit-note', 'refund']);
    expect(await types('technician')).toEqual([]);
    const chips = await call(listActivitiesRoute, {
      params: { id: c.id },
      query: { type: 'credit-note' },
      auth: auth.technician,
    });
    expect(chips.body.data).toEqual([]);
  });
});
