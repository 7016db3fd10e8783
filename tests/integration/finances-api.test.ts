import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { customerActivity, invoices, payments } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import { actorFor, bearersByRole, createCustomer, createUser } from '@/tests/factories';
import { insertInvoice, insertPayment } from '@/tests/factories/finances';
import { call, callRawJson } from '@/tests/factories/http';

const session = vi.hoisted(() => ({ actor: null as unknown }));
vi.mock('@/lib/auth/session', async () =>
  (await import('@/tests/factories/session-mock')).sessionMock(() => session.actor),
);
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const { GET: getFinances } = await import('@/app/api/customers/[id]/finances/route');
const { GET: listInvoicesRoute, POST: postInvoice } = await import('@/app/api/customers/[id]/invoices/route');
const { GET: getInvoiceRoute } = await import('@/app/api/customers/[id]/invoices/[invoiceId]/route');
const { GET: listPaymentsRoute, POST: postPayment } = await import('@/app/api/customers/[id]/payments/route');
const { createInvoiceAction, recordPaymentAction } = await import('@/lib/finances/actions');

let auth: Record<Role, string>;
const db = () => getDb();

async function activityCount(customerId: string) {
  const [row] = await db()
    .select({ n: count() })
    .from(customerActivity)
    .where(eq(customerActivity.customerId, customerId));
  return Number(row.n);
}
async function tableCounts(customerId: string) {
  const [inv] = await db().select({ n: count() }).from(invoices).where(eq(invoices.customerId, customerId));
  const [pay] = await db().select({ n: count() }).from(payments).where(eq(payments.customerId, customerId));
  return { invoices: Number(inv.n), payments: Number(pay.n), activities: await activityCount(customerId) };
}

const parisDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(d);

beforeAll(async () => {
  auth = await bearersByRole();
});

describe('invoices and payments API', () => {
  it('creates an invoice (TTC computed server-side) with exactly one activity', async () => {
    const c = await createCustomer();
    const res = await call(postInvoice, {
      method: 'POST',
      params: { id: c.id },
      auth: auth.manager,
      body: {
        number: 'f-2026-000123',
        issuedAt: '2026-01-05',
        dueAt: '2026-02-05',
        totalHtCents: 10000,
        vatCents: 2000,
        totalTtcCents: 1,
      },
    });
    // Unknown keys are rejected (strict): the client cannot impose a TTC.
    expect(res.status).toBe(422);
    const ok = await call(postInvoice, {
      method: 'POST',
      params: { id: c.id },
      auth: auth.manager,
      body: {
        number: 'f-2026-000123',
        issuedAt: '2026-01-05',
        dueAt: '2026-02-05',
        totalHtCents: 10000,
        vatCents: 2000,
      },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      number: 'F-2026-000123',
      totalTtcCents: 12000,
      paidCents: 0,
      remainingCents: 12000,
      status: 'unpaid',
    });
    const acts = await db().select().from(customerActivity).where(eq(customerActivity.customerId, c.id));
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({
      type: 'invoice',
      relatedType: 'invoice',
      relatedId: ok.body.id,
      actorKind: 'token',
    });
  });

  it('duplicate number → 409, negative or inconsistent amounts → 422, nothing written', async () => {
    const c = await createCustomer();
    const body = { number: 'DUP-1', issuedAt: '2026-01-05', dueAt: '2026-02-05', totalHtCents: 500, vatCents: 100 };
    expect((await call(postInvoice, { method: 'POST', params: { id: c.id }, auth: auth.admin, body })).status).toBe(
      201,
    );
    const before = await tableCounts(c.id);
    const dup = await call(postInvoice, { method: 'POST', params: { id: c.id }, auth: auth.admin, body });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('conflict');
    expect(dup.body.error.fields.number).toBeDefined();
    const other = await createCustomer();
    expect(
      (
        await call(postInvoice, {
          method: 'POST',
          params: { id: other.id },
          auth: auth.admin,
          body: { ...body, number: 'dup-1' },
        })
      ).status,
    ).toBe(409);
    const neg = await call(postInvoice, {
      method: 'POST',
      params: { id: c.id },
      auth: auth.admin,
      body: { ...body, number: 'N-1', totalHtCents: -1 },
    });
    expect(neg.status).toBe(422);
    expect(neg.body.error.fields.totalHtCents).toBeDefined();
    const due = await call(postInvoice, {
      method: 'POST',
      params: { id: c.id },
      auth: auth.admin,
      body: { ...body, number: 'N-2', dueAt: '2025-12-01' },
    });
    expect(due.status).toBe(422);
    expect(due.body.error.fields.dueAt).toBeDefined();
    const badNumber = await call(postInvoice, {
      method: 'POST',
      params: { id: c.id },
      auth: auth.admin,
      body: { ...body, number: 'F 2026 ?' },
    });
    expect(badNumber.status).toBe(422);
    const malformed = await callRawJson(postInvoice, '{"number":', { params: { id: c.id }, auth: auth.admin });
    expect(malformed.status).toBe(400);
    expect(await tableCounts(c.id)).toEqual(before);
    const missing = await call(postInvoice, {
      method: 'POST',
      params: { id: '00000000-0000-4000-8000-000000000000' },
      auth: auth.admin,
      body: { ...body, number: 'N-3' },
    });
    expect(missing.status).toBe(404);
  });

  it('records payments: partial then paid, 422 above the remaining due (nothing written), one activity each', async () => {
    const c = await createCustomer();
    const inv = await insertInvoice(c.id, {
      totalHtCents: 10_000,
      vatCents: 2_000,
      issuedAt: new Date('2025-06-01T09:00:00Z'),
      dueAt: new Date('2025-07-01T09:00:00Z'),
    });
    const pay = (amountCents: number, extra: Record<string, unknown> = {}) =>
      call(postPayment, {
        method: 'POST',
        params: { id: c.id },
        auth: auth.manager,
        body: { invoiceId: inv.id, amountCents, method: 'transfer', paidAt: '2025-06-15T10:00:00Z', ...extra },
      });
    const first = await pay(5_000, { reference: 'VIR-42' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ amountCents: 5000, method: 'transfer', reference: 'VIR-42', invoiceId: inv.id });
    expect(first.body.invoice).toMatchObject({ paidCents: 5000, remainingCents: 7000, status: 'partial' });
    expect(await activityCount(c.id)).toBe(1);

    const before = await tableCounts(c.id);
    const over = await pay(7_001);
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe('validation_failed');
    expect(over.body.error.fields.amountCents[0]).toMatch(/reste dû/);
    const negative = await pay(-100);
    expect(negative.status).toBe(422);
    expect(negative.body.error.fields.amountCents).toBeDefined();
    expect((await pay(0)).status).toBe(422);
    expect((await pay(10.5)).status).toBe(422);
    expect((await pay(100, { method: 'bitcoin' })).status).toBe(422);
    expect((await pay(100, { paidAt: '2025-05-01' })).status).toBe(422);
    expect(await tableCounts(c.id)).toEqual(before);
    const [unchanged] = await db().select().from(invoices).where(eq(invoices.id, inv.id));
    expect(unchanged.paidCents).toBe(5000);

    const second = await pay(7_000);
    expect(second.status).toBe(201);
    expect(second.body.invoice).toMatchObject({ paidCents: 12000, remainingCents: 0, status: 'paid' });
    const acts = await db()
      .select()
      .from(customerActivity)
      .where(and(eq(customerActivity.customerId, c.id), eq(customerActivity.type, 'payment')));
    expect(acts).toHaveLength(2);
    expect(acts.map((a) => a.relatedId).sort()).toEqual([first.body.id, second.body.id].sort());
    expect(acts.every((a) => a.relatedType === 'payment')).toBe(true);
    expect((await pay(1)).status).toBe(422);
  });

  it('concurrent payments on one invoice cannot overpay (row lock)', async () => {
    const c = await createCustomer();
    const inv = await insertInvoice(c.id, { totalHtCents: 1_000, vatCents: 0 });
    const body = { invoiceId: inv.id, amountCents: 1_000, method: 'card', paidAt: '2025-02-01' };
    const results = await Promise.all(
      [0, 1, 2].map(() => call(postPayment, { method: 'POST', params: { id: c.id }, auth: auth.admin, body })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 422, 422]);
    const [row] = await db().select().from(invoices).where(eq(invoices.id, inv.id));
    expect(row).toMatchObject({ paidCents: 1000, status: 'paid' });
    expect((await tableCounts(c.id)).payments).toBe(1);
  });

  it('an invoice of another customer is a 404 (read and payment), nothing written', async () => {
    const a = await createCustomer();
    const b = await createCustomer();
    const invB = await insertInvoice(b.id);
    const read = await call(getInvoiceRoute, { params: { id: a.id, invoiceId: invB.id }, auth: auth.admin });
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe('not_found');
    const pay = await call(postPayment, {
      method: 'POST',
      params: { id: a.id },
      auth: auth.admin,
      body: { invoiceId: invB.id, amountCents: 100, method: 'cash', paidAt: '2025-02-01' },
    });
    expect(pay.status).toBe(404);
    expect(await tableCounts(a.id)).toEqual({ invoices: 0, payments: 0, activities: 0 });
    expect((await tableCounts(b.id)).payments).toBe(0);
    const own = await call(getInvoiceRoute, { params: { id: b.id, invoiceId: invB.id }, auth: auth.viewer });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: invB.id, remainingCents: invB.totalTtcCents, payments: [] });
    expect((await call(getInvoiceRoute, { params: { id: b.id, invoiceId: 'nope' }, auth: auth.admin })).status).toBe(
      404,
    );
  });
});

describe('finance overview', () => {
  it('summary numbers and a balance history equal to a brute-force running sum', async () => {
    const c = await createCustomer();
    const now = Date.now();
    const day = 86_400_000;
    // Paid late (due −200 d, paid −150 d), partially paid and overdue (due −40 d), not yet due, cancelled.
    const i1 = await insertInvoice(c.id, {
      totalHtCents: 10_000,
      vatCents: 2_000,
      paidCents: 12_000,
      issuedAt: new Date(now - 230 * day),
      dueAt: new Date(now - 200 * day),
    });
    await insertPayment(c.id, i1.id, { amountCents: 2_000, paidAt: new Date(now - 190 * day) });
    await insertPayment(c.id, i1.id, { amountCents: 10_000, paidAt: new Date(now - 150 * day) });
    const i2 = await insertInvoice(c.id, {
      totalHtCents: 20_000,
      vatCents: 4_000,
      paidCents: 4_000,
      issuedAt: new Date(now - 70 * day),
      dueAt: new Date(now - 40 * day),
    });
    await insertPayment(c.id, i2.id, { amountCents: 4_000, paidAt: new Date(now - 60 * day) });
    // Same Paris day as the payment above: grouped into one point.
    await insertInvoice(c.id, {
      totalHtCents: 5_000,
      vatCents: 1_000,
      issuedAt: new Date(now - 60 * day + 1000),
      dueAt: new Date(now + 10 * day),
    });
    await insertInvoice(c.id, {
      totalHtCents: 99_000,
      vatCents: 0,
      status: 'cancelled',
      issuedAt: new Date(now - 10 * day),
      dueAt: new Date(now + 20 * day),
    });

    const res = await call(getFinances, { params: { id: c.id }, auth: auth.viewer });
    expect(res.status).toBe(200);
    const { summary, risk, balanceHistory } = res.body;
    expect(summary).toMatchObject({
      invoicedCents: 42_000,
      paidCents: 16_000,
      balanceCents: 26_000,
      overdueCents: 20_000,
      overdueCount: 1,
      invoiceCount: 3,
    });
    expect(summary.averageDaysToPay).toBeCloseTo(80, 0);
    expect(new Date(summary.lastPaymentAt).getTime()).toBe(
      Math.floor((now - 60 * day) / 1000) * 1000 + ((now - 60 * day) % 1000),
    );
    expect(risk.score).toBeGreaterThan(0);
    expect(risk.factors.map((f: { code: string }) => f.code)).toEqual([
      'overdue_amount',
      'overdue_age',
      'late_share',
      'delay_trend',
      'balance_vs_average',
    ]);

    // Brute force: every event, by Paris day, running sum.
    const invRows = (await db().select().from(invoices).where(eq(invoices.customerId, c.id))).filter(
      (i) => i.status !== 'cancelled',
    );
    const payRows = await db().select().from(payments).where(eq(payments.customerId, c.id));
    const deltas = new Map<string, number>();
    for (const i of invRows)
      deltas.set(parisDay(i.issuedAt), (deltas.get(parisDay(i.issuedAt)) ?? 0) + i.totalTtcCents);
    for (const p of payRows) deltas.set(parisDay(p.paidAt), (deltas.get(parisDay(p.paidAt)) ?? 0) - p.amountCents);
    let running = 0;
    const expected = [...deltas.keys()].sort().map((date) => ({ date, balanceCents: (running += deltas.get(date)!) }));
    expect(balanceHistory).toEqual(expected);
    expect(balanceHistory.at(-1).balanceCents).toBe(summary.balanceCents);
    expect(balanceHistory.length).toBe(5);
  });

  it('an empty customer has zero totals, no history, score 0', async () => {
    const c = await createCustomer();
    const res = await call(getFinances, { params: { id: c.id }, auth: auth.admin });
    expect(res.body.summary).toMatchObject({
      invoicedCents: 0,
      paidCents: 0,
      balanceCents: 0,
      overdueCents: 0,
      averageDaysToPay: null,
      lastPaymentAt: null,
    });
    expect(res.body.risk).toMatchObject({ score: 0, level: 'low' });
    expect(res.body.balanceHistory).toEqual([]);
    expect(
      (await call(getFinances, { params: { id: '00000000-0000-4000-8000-000000000000' }, auth: auth.admin })).status,
    ).toBe(404);
  });
});

describe('keyset pages', () => {
  it('pages invoices and payments in every sort without gaps or repeats', async () => {
    const c = await createCustomer();
    const totals = [500, 300, 300, 900, 100, 300, 700];
    const created = [];
    for (const [k, ht] of totals.entries())
      created.push(
        await insertInvoice(c.id, {
          totalHtCents: ht,
          vatCents: 0,
          issuedAt: new Date(Date.UTC(2025, 0, 1 + (k % 3))),
          dueAt: new Date(Date.UTC(2025, 1, 7 - k)),
        }),
      );
    for (const inv of created)
      await insertPayment(c.id, inv.id, {
        amountCents: 50,
        paidAt: new Date(Date.UTC(2025, 0, 5 + (inv.totalHtCents % 4))),
      });

    async function all(handler: typeof listInvoicesRoute, query: Record<string, string>) {
      const ids: string[] = [];
      const rows: any[] = [];
      let cursor: string | null = null;
      do {
        const res: any = await call(handler, {
          params: { id: c.id },
          auth: auth.viewer,
          query: { ...query, limit: '2', ...(cursor ? { cursor } : {}) },
        });
        expect(res.status).toBe(200);
        rows.push(...res.body.data);
        ids.push(...res.body.data.map((r: { id: string }) => r.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(new Set(ids).size).toBe(ids.length);
      return rows;
    }
    for (const [sort, key] of [
      ['issuedAt', 'issuedAt'],
      ['dueAt', 'dueAt'],
      ['total', 'totalTtcCents'],
    ] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const rows = await all(listInvoicesRoute, { sort, order });
        expect(rows).toHaveLength(totals.length);
        const values = rows.map((r) => (key === 'totalTtcCents' ? r[key] : new Date(r[key]).getTime()));
        const sorted = [...values].sort((a, b) => (order === 'asc' ? a - b : b - a));
        expect(values).toEqual(sorted);
      }
    }
    for (const sort of ['paidAt', 'amount']) {
      const rows = await all(listPaymentsRoute as typeof listInvoicesRoute, { sort, order: 'asc' });
      expect(rows).toHaveLength(totals.length);
      expect(rows[0].invoiceNumber).toMatch(/^T-/);
    }
    const first = await call(listInvoicesRoute, {
      params: { id: c.id },
      auth: auth.viewer,
      query: { limit: '2', sort: 'total' },
    });
    const wrongSort = await call(listInvoicesRoute, {
      params: { id: c.id },
      auth: auth.viewer,
      query: { sort: 'dueAt', cursor: first.body.nextCursor },
    });
    expect(wrongSort.status).toBe(400);
    expect(
      (await call(listInvoicesRoute, { params: { id: c.id }, auth: auth.viewer, query: { cursor: 'garbage' } })).status,
    ).toBe(400);
    expect(
      (await call(listInvoicesRoute, { params: { id: c.id }, auth: auth.viewer, query: { limit: '101' } })).status,
    ).toBe(422);
  });
});

describe('permissions', () => {
  it('technicians get 403 everywhere; viewers read but cannot write', async () => {
    const c = await createCustomer();
    const inv = await insertInvoice(c.id);
    const reads = [
      () => call(getFinances, { params: { id: c.id }, auth: auth.technician }),
      () => call(listInvoicesRoute, { params: { id: c.id }, auth: auth.technician }),
      () => call(getInvoiceRoute, { params: { id: c.id, invoiceId: inv.id }, auth: auth.technician }),
      () => call(listPaymentsRoute, { params: { id: c.id }, auth: auth.technician }),
    ];
    for (const r of reads) expect((await r()).status).toBe(403);
    expect((await call(getFinances, { params: { id: c.id } })).status).toBe(401);
    for (const role of ['viewer', 'technician'] as const) {
      const inv2 = await call(postInvoice, {
        method: 'POST',
        params: { id: c.id },
        auth: auth[role],
        body: { number: `P-${role}`, issuedAt: '2026-01-01', dueAt: '2026-01-01', totalHtCents: 1, vatCents: 0 },
      });
      expect(inv2.status).toBe(403);
      const pay = await call(postPayment, {
        method: 'POST',
        params: { id: c.id },
        auth: auth[role],
        body: { invoiceId: inv.id, amountCents: 1, method: 'cash', paidAt: '2025-02-01' },
      });
      expect(pay.status).toBe(403);
    }
    for (const r of [getFinances, listInvoicesRoute, listPaymentsRoute])
      expect((await call(r, { params: { id: c.id }, auth: auth.viewer })).status).toBe(200);
    expect(await tableCounts(c.id)).toEqual({ invoices: 1, payments: 0, activities: 0 });
  });
});

describe('server actions', () => {
  const form = (fields: Record<string, string>) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    return fd;
  };

  it('record an invoice then a payment from euros, with field errors under the form names', async () => {
    const manager = await createUser('manager');
    session.actor = actorFor(manager);
    const c = await createCustomer();
    const bad = await createInvoiceAction(
      c.id,
      { ok: false, message: '' },
      form({ number: 'A-1', issuedAt: '2026-01-10', dueAt: '2026-01-01', totalHt: 'douze' }),
    );
    expect(bad.ok).toBe(false);
    expect(bad.fieldErrors?.totalHt).toBeDefined();
    const badDue = await createInvoiceAction(
      c.id,
      { ok: false, message: '' },
      form({ number: 'A-1', issuedAt: '2026-01-10', dueAt: '2026-01-01', totalHt: '12' }),
    );
    expect(badDue.fieldErrors?.dueAt?.[0]).toMatch(/échéance/);
    const ok = await createInvoiceAction(
      c.id,
      { ok: false, message: '' },
      form({ number: 'A-1', issuedAt: '2026-01-10', dueAt: '2026-02-10', totalHt: '1 234,50', vat: '246,90' }),
    );
    expect(ok).toMatchObject({ ok: true });
    const [row] = await db().select().from(invoices).where(eq(invoices.customerId, c.id));
    expect(row).toMatchObject({ totalHtCents: 123_450, vatCents: 24_690, totalTtcCents: 148_140 });
    const over = await recordPaymentAction(
      c.id,
      { ok: false, message: '' },
      form({ invoiceId: row.id, amount: '2000', method: 'card', paidAt: '2026-01-20' }),
    );
    expect(over.ok).toBe(false);
    expect(over.fieldErrors?.amount?.[0]).toMatch(/reste dû/);
    const paid = await recordPaymentAction(
      c.id,
      { ok: false, message: '' },
      form({ invoiceId: row.id, amount: '1481,40', method: 'card', paidAt: '2026-01-20' }),
    );
    expect(paid).toMatchObject({ ok: true });
    expect(paid.message).toMatch(/soldée/);
    expect(await tableCounts(c.id)).toEqual({ invoices: 1, payments: 1, activities: 2 });

    session.actor = actorFor(await createUser('viewer'));
    const denied = await createInvoiceAction(
      c.id,
      { ok: false, message: '' },
      form({ number: 'A-2', issuedAt: '2026-01-10', dueAt: '2026-02-10', totalHt: '10' }),
    );
    expect(denied.ok).toBe(false);
    expect(await tableCounts(c.id)).toEqual({ invoices: 1, payments: 1, activities: 2 });
  });
});
