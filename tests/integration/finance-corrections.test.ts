import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { creditNotes, customerActivity, customers, interventions, invoices, payments, refunds } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import { actorFor, bearersByRole, createCustomer, createUser } from '@/tests/factories';
import { insertIntervention, insertInvoice, insertPayment } from '@/tests/factories/finances';
import { call } from '@/tests/factories/http';

/**
 * Money corrections through the API and the server actions (lib/finances/corrections.ts): cancel an
 * unpaid invoice, credit notes on paid ones (gap-free AV series, also under concurrency), refunds of
 * what a credit note left overpaid; roles, bounds, 404/409/422 with nothing written, activity rows.
 * Their effect on balances, risk, history and exports: finance-corrections-effects.test.ts.
 */
const session = vi.hoisted(() => ({ actor: null as unknown }));
vi.mock('@/lib/auth/session', async () =>
  (await import('@/tests/factories/session-mock')).sessionMock(() => session.actor),
);
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const { POST: cancelRoute } = await import('@/app/api/customers/[id]/invoices/[invoiceId]/cancel/route');
const { GET: listNotesRoute, POST: creditRoute } =
  await import('@/app/api/customers/[id]/invoices/[invoiceId]/credit-notes/route');
const { GET: listRefundsRoute, POST: refundRoute } =
  await import('@/app/api/customers/[id]/invoices/[invoiceId]/refunds/route');
const { GET: getInvoiceRoute } = await import('@/app/api/customers/[id]/invoices/[invoiceId]/route');
const { cancelInvoiceAction, issueCreditNoteAction, recordRefundAction } = await import('@/lib/finances/actions');

let auth: Record<Role, string>;
const db = () => getDb();
const year = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date());
type Handler = typeof cancelRoute;

/** Everything a correction may write, for one customer (and the invoice row itself). */
async function state(customerId: string, invoiceId?: string) {
  const n = async (table: typeof payments | typeof creditNotes | typeof refunds | typeof customerActivity) =>
    Number((await db().select({ n: count() }).from(table).where(eq(table.customerId, customerId)))[0].n);
  const [invoice] = invoiceId ? await db().select().from(invoices).where(eq(invoices.id, invoiceId)) : [];
  return {
    payments: await n(payments),
    creditNotes: await n(creditNotes),
    refunds: await n(refunds),
    activities: await n(customerActivity),
    invoice,
  };
}

const post = (handler: Handler, customerId: string, invoiceId: string, body: unknown, role: Role = 'manager') =>
  call(handler, { method: 'POST', params: { id: customerId, invoiceId }, auth: auth[role], body });

/** 120 € TTC (100 € HT + 20 € VAT) with `paid` cents actually paid by one payment. */
async function invoiceWithPayment(customerId: string, paid: number, extra: Partial<typeof invoices.$inferInsert> = {}) {
  const inv = await insertInvoice(customerId, { totalHtCents: 10_000, vatCents: 2_000, paidCents: paid, ...extra });
  if (paid) await insertPayment(customerId, inv.id, { amountCents: paid, paidAt: new Date('2025-01-20T10:00:00Z') });
  return inv;
}

beforeAll(async () => {
  auth = await bearersByRole();
});

describe('cancel an invoice', () => {
  it('an unpaid invoice is kept with its number, cancelled with its reason, one activity; the intervention is to invoice again', async () => {
    const c = await createCustomer();
    const iv = await insertIntervention(c.id, { status: 'invoiced' });
    const inv = await insertInvoice(c.id, { interventionId: iv.id });
    await db().update(interventions).set({ invoiceId: inv.id }).where(eq(interventions.id, iv.id));
    const res = await post(cancelRoute, c.id, inv.id, { reason: 'Erreur de TVA sur la facture' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: inv.id, number: inv.number, status: 'cancelled', remainingCents: 0 });
    expect(res.body.cancelReason).toBe('Erreur de TVA sur la facture');
    const after = await state(c.id, inv.id);
    expect(after.invoice).toMatchObject({ number: inv.number, status: 'cancelled', balanceCents: 0 });
    expect(after.invoice.cancelledAt).toBeInstanceOf(Date);
    const [visit] = await db().select().from(interventions).where(eq(interventions.id, iv.id));
    expect(visit).toMatchObject({ status: 'done', invoiceId: null });
    const acts = await db().select().from(customerActivity).where(eq(customerActivity.customerId, c.id));
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ type: 'invoice', relatedType: 'invoice', relatedId: inv.id });
    expect(acts[0].metadata).toMatchObject({ event: 'cancelled', reason: 'Erreur de TVA sur la facture' });

    const again = await post(cancelRoute, c.id, inv.id, { reason: 'Encore une fois' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/annulée/);
    expect((await state(c.id)).activities).toBe(1);
  });

  it('refused with a French reason (409) once a payment exists; bad input 422; nothing written', async () => {
    const c = await createCustomer();
    const inv = await invoiceWithPayment(c.id, 5_000);
    const before = await state(c.id, inv.id);
    const paid = await post(cancelRoute, c.id, inv.id, { reason: 'Client mécontent' });
    expect(paid.status).toBe(409);
    expect(paid.body.error.message).toMatch(/paiement est enregistré.*avoir/);
    const unpaid = await insertInvoice(c.id);
    for (const body of [{}, { reason: ' a ' }, { reason: 'x'.repeat(501) }, { reason: 'Motif', status: 'paid' }]) {
      const res = await post(cancelRoute, c.id, unpaid.id, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    expect(await state(c.id, inv.id)).toEqual(before);
    expect((await state(c.id, unpaid.id)).invoice.status).toBe('unpaid');
  });

  it('roles, another customer’s invoice (404), an erased customer (409), Idempotency-Key replays', async () => {
    const a = await createCustomer();
    const b = await createCustomer();
    const invB = await insertInvoice(b.id);
    for (const role of ['viewer', 'technician'] as const)
      expect((await post(cancelRoute, b.id, invB.id, { reason: 'Erreur' }, role)).status).toBe(403);
    const crossed = await post(cancelRoute, a.id, invB.id, { reason: 'Erreur' }, 'admin');
    expect(crossed.status).toBe(404);
    expect(crossed.body.error.code).toBe('not_found');
    expect((await post(cancelRoute, a.id, 'pas-un-id', { reason: 'Erreur' })).status).toBe(404);
    expect((await state(b.id, invB.id)).invoice.status).toBe('unpaid');

    const erased = await createCustomer();
    const invE = await insertInvoice(erased.id);
    await db().update(customers).set({ erasedAt: new Date() }).where(eq(customers.id, erased.id));
    expect((await post(cancelRoute, erased.id, invE.id, { reason: 'Erreur' })).status).toBe(409);
    expect((await state(erased.id, invE.id)).invoice.status).toBe('unpaid');

    const keyed = () =>
      call(cancelRoute, {
        method: 'POST',
        params: { id: b.id, invoiceId: invB.id },
        auth: auth.manager,
        headers: { 'idempotency-key': 'annulation-facture-b-1' },
        body: { reason: 'Facture en double' },
      });
    const first = await keyed();
    const replay = await keyed();
    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(replay.body).toEqual(first.body);
    expect((await state(b.id)).activities).toBe(1);
  });
});

describe('credit notes', () => {
  it('split HT/VAT in the invoice’s proportion, numbered AV-<year>-n without holes, bounded by the invoice', async () => {
    const c = await createCustomer();
    const inv = await invoiceWithPayment(c.id, 5_000);
    const first = await post(creditRoute, c.id, inv.id, { amountCents: 3_000, reason: 'Remise commerciale' });
    expect(first.status).toBe(201);
    expect(first.body.creditNote).toMatchObject({
      number: `AV-${year}-000001`,
      totalTtcCents: 3_000,
      vatCents: 500,
      totalHtCents: 2_500,
      invoiceNumber: inv.number,
    });
    expect(first.body.invoice).toMatchObject({ creditedCents: 3_000, remainingCents: 4_000, status: 'partial' });
    const second = await post(creditRoute, c.id, inv.id, { amountCents: 7_000, reason: 'Pièce non fournie' });
    expect(second.body.creditNote).toMatchObject({ number: `AV-${year}-000002`, vatCents: 1_167 });
    expect(second.body.invoice).toMatchObject({ remainingCents: 0, refundableCents: 3_000, status: 'paid' });

    const before = await state(c.id, inv.id);
    const over = await post(creditRoute, c.id, inv.id, { amountCents: 2_001, reason: 'Trop' });
    expect(over.status).toBe(422);
    expect(over.body.error.fields.amountCents[0]).toMatch(/reste à créditer.*20,00/);
    for (const body of [
      { amountCents: 0, reason: 'Zéro' },
      { amountCents: -5, reason: 'Négatif' },
      { amountCents: 10.5, reason: 'Décimal' },
      { amountCents: 100 },
      { amountCents: 100, reason: 'Motif', vatCents: 0 },
    ])
      expect((await post(creditRoute, c.id, inv.id, body)).status, JSON.stringify(body)).toBe(422);
    expect(await state(c.id, inv.id)).toEqual(before);

    // The refused requests took no number: the next one follows without a hole, and closes the invoice's
    // HT and VAT to the cent.
    const last = await post(creditRoute, c.id, inv.id, { amountCents: 2_000, reason: 'Solde' });
    expect(last.body.creditNote.number).toBe(`AV-${year}-000003`);
    const notes = await db().select().from(creditNotes).where(eq(creditNotes.invoiceId, inv.id));
    expect(notes.reduce((s, n) => s + n.vatCents, 0)).toBe(2_000);
    expect(notes.reduce((s, n) => s + n.totalHtCents, 0)).toBe(10_000);
    const full = await post(creditRoute, c.id, inv.id, { amountCents: 1, reason: 'Encore' });
    expect(full.body.error.fields.amountCents[0]).toMatch(/entièrement couverte/);

    const list = await call(listNotesRoute, { params: { id: c.id, invoiceId: inv.id }, auth: auth.viewer });
    expect(list.body.data.map((n: { number: string }) => n.number)).toEqual(
      [1, 2, 3].map((n) => `AV-${year}-00000${n}`),
    );
    const detail = await call(getInvoiceRoute, { params: { id: c.id, invoiceId: inv.id }, auth: auth.viewer });
    expect(detail.body).toMatchObject({ creditedCents: 12_000, refundableCents: 5_000, creditableCents: 0 });
    expect(detail.body.creditNotes).toHaveLength(3);
    const acts = await db()
      .select()
      .from(customerActivity)
      .where(and(eq(customerActivity.customerId, c.id), eq(customerActivity.type, 'credit-note')));
    expect(acts).toHaveLength(3);
    expect(acts.every((a) => a.relatedType === 'credit-note')).toBe(true);
  });

  it('odd amounts still add up to the invoice’s exact HT and VAT', async () => {
    const c = await createCustomer();
    const inv = await insertInvoice(c.id, { totalHtCents: 999, vatCents: 199, paidCents: 1_198 });
    await insertPayment(c.id, inv.id, { amountCents: 1_198 });
    for (const amountCents of [333, 333, 1, 531])
      expect((await post(creditRoute, c.id, inv.id, { amountCents, reason: 'Geste' })).status).toBe(201);
    const notes = await db().select().from(creditNotes).where(eq(creditNotes.invoiceId, inv.id));
    expect(notes.reduce((s, n) => s + n.vatCents, 0)).toBe(199);
    expect(notes.reduce((s, n) => s + n.totalHtCents, 0)).toBe(999);
    expect(notes.every((n) => n.totalHtCents >= 0 && n.vatCents >= 0)).toBe(true);
  });

  it('unpaid (409: cancel it instead), cancelled (409), another customer’s (404), erased (409), roles (403)', async () => {
    const c = await createCustomer();
    const unpaid = await insertInvoice(c.id);
    const res = await post(creditRoute, c.id, unpaid.id, { amountCents: 100, reason: 'Remise' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/annulez-la/);
    await post(cancelRoute, c.id, unpaid.id, { reason: 'Erreur' });
    expect((await post(creditRoute, c.id, unpaid.id, { amountCents: 100, reason: 'Remise' })).status).toBe(409);
    const other = await createCustomer();
    const paid = await invoiceWithPayment(other.id, 12_000);
    expect((await post(creditRoute, c.id, paid.id, { amountCents: 100, reason: 'Remise' }, 'admin')).status).toBe(404);
    for (const role of ['viewer', 'technician'] as const)
      expect((await post(creditRoute, other.id, paid.id, { amountCents: 100, reason: 'Remise' }, role)).status).toBe(
        403,
      );
    expect((await state(other.id)).creditNotes).toBe(0);
    await db().update(customers).set({ erasedAt: new Date() }).where(eq(customers.id, other.id));
    expect((await post(creditRoute, other.id, paid.id, { amountCents: 100, reason: 'Remise' })).status).toBe(409);
    expect(await state(other.id, paid.id)).toMatchObject({ creditNotes: 0, activities: 0 });
    expect((await call(listNotesRoute, { params: { id: c.id, invoiceId: paid.id }, auth: auth.admin })).status).toBe(
      404,
    );
  });

  it('concurrent credit notes on several customers get distinct consecutive numbers; one invoice is never over-credited', async () => {
    const issued = await Promise.all(
      (await Promise.all([0, 1, 2].map(() => createCustomer()))).map(async (c) => {
        const inv = await invoiceWithPayment(c.id, 12_000);
        return { c, inv };
      }),
    );
    const [{ n: before }] = await db().select({ n: count() }).from(creditNotes);
    const results = await Promise.all(
      issued.flatMap(({ c, inv }) =>
        [0, 1].map(() => post(creditRoute, c.id, inv.id, { amountCents: 1_000, reason: 'Remise simultanée' })),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    const numbers = results.map((r) => r.body.creditNote.number as string).sort();
    const expected = Array.from(
      { length: 6 },
      (_, i) => `AV-${year}-${String(Number(before) + i + 1).padStart(6, '0')}`,
    );
    expect(numbers).toEqual(expected);

    // Three notes of 50 % at once on one invoice: two pass, the third sees their total and is refused.
    const { c, inv } = issued[0];
    const race = await Promise.all(
      [0, 1, 2].map(() => post(creditRoute, c.id, inv.id, { amountCents: 5_000, reason: 'Course' })),
    );
    expect(race.map((r) => r.status).sort()).toEqual([201, 201, 422]);
    const [row] = await db().select().from(invoices).where(eq(invoices.id, inv.id));
    expect(row).toMatchObject({ creditedCents: 12_000, balanceCents: -12_000 });
    const all = (await db().select({ number: creditNotes.number }).from(creditNotes)).map((r) => r.number).sort();
    expect(all.at(-1)).toBe(`AV-${year}-${String(all.length).padStart(6, '0')}`);
  });
});

describe('refunds', () => {
  it('only what credit notes left overpaid, dated between issue and today, one activity each', async () => {
    const c = await createCustomer();
    const inv = await invoiceWithPayment(c.id, 12_000, { issuedAt: new Date('2025-01-10T10:00:00Z') });
    const refund = (amountCents: number, extra: Record<string, unknown> = {}) =>
      post(refundRoute, c.id, inv.id, { amountCents, method: 'transfer', refundedAt: '2025-03-01', ...extra });
    const nothing = await refund(100);
    expect(nothing.status).toBe(422);
    expect(nothing.body.error.fields.amountCents[0]).toMatch(/Rien à rembourser/);
    await post(creditRoute, c.id, inv.id, { amountCents: 3_000, reason: 'Remise' });
    const before = await state(c.id, inv.id);
    expect((await refund(3_001)).body.error.fields.amountCents[0]).toMatch(/à rembourser \(30,00/);
    expect((await refund(100, { refundedAt: '2024-12-31' })).status).toBe(422);
    expect((await refund(100, { refundedAt: '2099-01-01' })).status).toBe(422);
    expect((await refund(100, { method: 'bitcoin' })).status).toBe(422);
    expect((await refund(100, { reference: 'x'.repeat(101) })).status).toBe(422);
    expect((await refund(100, { paidAt: '2025-03-01' })).status).toBe(422);
    expect(await state(c.id, inv.id)).toEqual(before);

    const first = await refund(1_000, { reference: 'VIR-RB-1' });
    expect(first.status).toBe(201);
    expect(first.body.refund).toMatchObject({ amountCents: 1_000, method: 'transfer', reference: 'VIR-RB-1' });
    expect(first.body.invoice).toMatchObject({ refundedCents: 1_000, refundableCents: 2_000, status: 'paid' });
    const second = await refund(2_000, { refundedAt: '2025-03-02' });
    expect(second.body.invoice).toMatchObject({ refundableCents: 0, remainingCents: 0, status: 'paid' });
    expect((await refund(1)).status).toBe(422);
    const list = await call(listRefundsRoute, { params: { id: c.id, invoiceId: inv.id }, auth: auth.viewer });
    expect(list.body.data.map((r: { amountCents: number }) => r.amountCents)).toEqual([1_000, 2_000]);
    const acts = await db()
      .select()
      .from(customerActivity)
      .where(and(eq(customerActivity.customerId, c.id), eq(customerActivity.type, 'refund')));
    expect(acts.map((a) => a.relatedId).sort()).toEqual([first.body.refund.id, second.body.refund.id].sort());

    const other = await createCustomer();
    const crossed = await post(refundRoute, other.id, inv.id, {
      amountCents: 1,
      method: 'cash',
      refundedAt: '2025-03-01',
    });
    expect(crossed.status).toBe(404);
    expect((await state(c.id)).refunds).toBe(2);
  });

  it('roles: viewers and technicians get 403, nothing written', async () => {
    const c = await createCustomer();
    const inv = await invoiceWithPayment(c.id, 12_000);
    await post(creditRoute, c.id, inv.id, { amountCents: 1_000, reason: 'Remise' });
    for (const role of ['viewer', 'technician'] as const) {
      const res = await post(
        refundRoute,
        c.id,
        inv.id,
        { amountCents: 100, method: 'cash', refundedAt: '2025-03-01' },
        role,
      );
      expect(res.status).toBe(403);
    }
    expect((await state(c.id)).refunds).toBe(0);
  });
});

describe('server actions (the Finances tab dialogs)', () => {
  const form = (fields: Record<string, string>) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    return fd;
  };
  const empty = { ok: false, message: '' };

  it('cancel, credit from euros, refund: field errors under the form names, the same bounds as the API', async () => {
    session.actor = actorFor(await createUser('manager'));
    const c = await createCustomer();
    const unpaid = await insertInvoice(c.id);
    expect((await cancelInvoiceAction(c.id, unpaid.id, empty, form({ reason: '' }))).fieldErrors?.reason).toBeDefined();
    expect(await cancelInvoiceAction(c.id, unpaid.id, empty, form({ reason: 'Doublon' }))).toMatchObject({ ok: true });

    const inv = await invoiceWithPayment(c.id, 12_000);
    const bad = await issueCreditNoteAction(c.id, inv.id, empty, form({ amount: 'douze', reason: 'Remise' }));
    expect(bad.fieldErrors?.amount).toBeDefined();
    const over = await issueCreditNoteAction(c.id, inv.id, empty, form({ amount: '120,01', reason: 'Remise' }));
    expect(over.fieldErrors?.amount?.[0]).toMatch(/reste à créditer/);
    const ok = await issueCreditNoteAction(c.id, inv.id, empty, form({ amount: '24,50', reason: 'Remise' }));
    expect(ok).toMatchObject({ ok: true });
    expect(ok.message).toMatch(new RegExp(`Avoir AV-${year}-\\d{6} émis.*À rembourser au client : 24,50`));

    const tooMuch = await recordRefundAction(
      c.id,
      inv.id,
      empty,
      form({ amount: '30', method: 'transfer', refundedAt: '2025-03-01' }),
    );
    expect(tooMuch.fieldErrors?.amount?.[0]).toMatch(/à rembourser/);
    const refunded = await recordRefundAction(
      c.id,
      inv.id,
      empty,
      form({ amount: '24,50', method: 'check', refundedAt: '2025-03-01', reference: 'CHQ 1234' }),
    );
    expect(refunded).toMatchObject({ ok: true });
    expect(await state(c.id)).toMatchObject({ creditNotes: 1, refunds: 1, activities: 3 });

    session.actor = actorFor(await createUser('viewer'));
    const denied = await issueCreditNoteAction(c.id, inv.id, empty, form({ amount: '1', reason: 'Remise' }));
    expect(denied.ok).toBe(false);
    expect(await state(c.id)).toMatchObject({ creditNotes: 1, refunds: 1, activities: 3 });
  });
});
