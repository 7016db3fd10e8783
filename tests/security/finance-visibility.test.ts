import { beforeAll, describe, expect, it } from 'vitest';
import { GET as LIST_ACTIVITIES } from '@/app/api/customers/[id]/activities/route';
import { GET as LIST_CUSTOMERS } from '@/app/api/customers/route';
import { getDb } from '@/db';
import type { Role } from '@/db/schema/enums';
import { listActivities, loadRecentActivities } from '@/lib/activity/queries';
import { buildExportBundle } from '@/lib/export/bundle';
import { actorFor, bearersByRole, createCustomer, createUser } from '../factories';
import { insertActivity, insertInterventionInvoicePayment } from '../factories/consents';
import { call } from '../factories/http';

/**
 * Invoice and payment activities carry amounts, due dates and balances: a role without
 * `finance.read` (technician) must not see them through the timeline, its counts, the 360 block or
 * the export bundle; RFM segments need `analytics.read`. README "Security notes" → "Money and segments".
 */
let auth: Record<Role, string>;
let customerId: string;
const MONEY = /€|Cents|Reste dû|Échéance/;

beforeAll(async () => {
  auth = await bearersByRole();
  const c = await createCustomer();
  customerId = c.id;
  const { invoice, payment } = await insertInterventionInvoicePayment(c.id, new Date('2025-03-01T10:00:00Z'));
  await insertActivity(c.id, {
    type: 'invoice',
    title: `Facture ${invoice.number} émise (120,00 € TTC)`,
    description: 'Échéance le 31/03/2025.',
    metadata: {
      number: invoice.number,
      totalHtCents: 10000,
      vatCents: 2000,
      totalTtcCents: 12000,
      dueAt: '2025-03-31',
    },
    relatedType: 'invoice',
    relatedId: invoice.id,
    occurredAt: new Date('2025-03-01T10:00:00Z'),
  });
  await insertActivity(c.id, {
    type: 'payment',
    title: 'Paiement reçu : 61,68 €',
    description: 'Reste dû sur la facture : 58,32 €.',
    metadata: { invoiceId: invoice.id, amountCents: 6168, remainingCents: 5832, invoiceStatus: 'partial' },
    relatedType: 'payment',
    relatedId: payment.id,
    occurredAt: new Date('2025-03-02T10:00:00Z'),
  });
  // A reminder call about an unpaid invoice: its text names the balance.
  await insertActivity(c.id, {
    type: 'call',
    title: `Relance impayé : facture ${invoice.number}`,
    description: 'Reste dû 58,32 €.',
    metadata: { direction: 'outbound', invoiceId: invoice.id },
    relatedType: 'invoice',
    relatedId: invoice.id,
    occurredAt: new Date('2025-03-03T10:00:00Z'),
  });
  // A manual entry whose free metadata happens to name an amount key.
  await insertActivity(c.id, {
    type: 'visit',
    title: 'Visite atelier',
    metadata: { manual: true, amountCents: 4200, balanceCents: 100, place: 'atelier' },
    occurredAt: new Date('2025-03-04T10:00:00Z'),
  });
});

const list = (role: Role, query: Record<string, string | string[]> = {}) =>
  call(LIST_ACTIVITIES, { params: { id: customerId }, auth: auth[role], query });

describe('timeline without finance.read', () => {
  it('technician: ?type=invoice&type=payment returns no amounts and counts nothing', async () => {
    const res = await list('technician', { type: ['invoice', 'payment'] });
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(MONEY);
    expect(res.body.data).toEqual([]);
    expect(res.body.stats).toEqual({ total: 0, byType: {} });
  });

  it('technician: the whole timeline has no invoice/payment entry, no money text, no amount keys', async () => {
    const res = await list('technician');
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(MONEY);
    const types = res.body.data.map((a: { type: string }) => a.type);
    expect(types).toEqual(['visit']);
    expect(res.body.data[0].metadata).toEqual({ manual: true, place: 'atelier' });
    expect(res.body.stats.byType).toEqual({ visit: 1 });
    expect(res.body.stats.total).toBe(1);
  });

  it('manager and viewer (finance.read) still see everything', async () => {
    for (const role of ['manager', 'viewer'] as const) {
      const res = await list(role, { type: ['invoice', 'payment'] });
      expect(res.body.data).toHaveLength(2);
      expect(res.body.stats.total).toBe(2);
      expect(res.text).toMatch(/61,68 €/);
    }
  });

  it('the 360 recent-activity block and listActivities take the viewer', async () => {
    const tech = actorFor(await createUser('technician'));
    const recent = await loadRecentActivities(tech, customerId);
    expect(recent.map((a) => a.type)).toEqual(['visit']);
    expect(JSON.stringify(recent)).not.toMatch(MONEY);
    const manager = actorFor(await createUser('manager'));
    expect((await loadRecentActivities(manager, customerId)).length).toBe(4);
    const page = await listActivities(getDb(), tech, customerId, { limit: 20 });
    expect(page.stats.total).toBe(1);
  });

  it('the export bundle built for a role without finance.read carries no money', async () => {
    const tech = actorFor(await createUser('technician'));
    const bundle = await buildExportBundle(getDb(), tech, customerId);
    expect(bundle.activities.map((a) => a.type)).toEqual(['visit']);
    expect(bundle.invoices).toEqual([]);
    expect(bundle.payments).toEqual([]);
    expect(bundle.interventions[0]).toMatchObject({ totalHtCents: null, totalTtcCents: null });
    expect(JSON.stringify(bundle)).not.toMatch(/Cents":\d|€/);
    const manager = actorFor(await createUser('manager'));
    const full = await buildExportBundle(getDb(), manager, customerId);
    expect(full.activities).toHaveLength(4);
    expect(full.invoices).toHaveLength(1);
    expect(full.interventions[0].totalTtcCents).toBe(12000);
  });
});

describe('RFM segment filter needs analytics.read', () => {
  it('technician → 403 on ?segment=, viewer → 200; the plain list stays open', async () => {
    const tech = await call(LIST_CUSTOMERS, { auth: auth.technician, query: { segment: 'champions' } });
    expect(tech.status).toBe(403);
    expect((await call(LIST_CUSTOMERS, { auth: auth.technician })).status).toBe(200);
    expect((await call(LIST_CUSTOMERS, { auth: auth.viewer, query: { segment: 'champions' } })).status).toBe(200);
  });
});
