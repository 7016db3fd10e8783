import { and, count, eq, gt, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, getDbHandle, openPglite } from '@/db';
import { migrateDb } from '@/db/migrate';
import {
  consentEvents,
  customerActivity,
  customerContacts,
  customerNotes,
  customers,
  customerTags,
  interventionLines,
  interventions,
  invoices,
  payments,
  tags,
  users,
  vehicles,
} from '@/db/schema';
import { DEMO_USERS, isDatabaseEmpty, seedDemo, type SeedDemoResult } from '@/db/seed/demo';
import { verifyLogin } from '@/lib/auth/login';
import { checkPhone } from '@/lib/validation/contact';
import { checkFrVat, checkPlate, checkSiret, checkVin } from '@/lib/validation/identifiers';
import { buildSearchText } from '@/lib/customers/search';
import { listTechnicianDay } from '@/lib/interventions/lists';
import { computeTotals } from '@/lib/interventions/totals';

const NOW = new Date('2025-06-15T10:00:00Z');
const PASSWORD = 'demo-password-1';

describe(`seedDemo (${process.env.TEST_DRIVER ?? 'pglite'})`, () => {
  let result: SeedDemoResult;
  beforeAll(async () => {
    expect(await isDatabaseEmpty(getDb())).toBe(true);
    result = await seedDemo(getDb(), { password: PASSWORD, now: NOW });
  });

  const total = async (table: PgTable) => {
    const [{ n }] = await getDb().select({ n: count() }).from(table);
    return n;
  };

  it('fills every table above the demo thresholds, matching the returned counts', async () => {
    expect(await isDatabaseEmpty(getDb())).toBe(false);
    const counts = {
      users: await total(users),
      customers: await total(customers),
      contacts: await total(customerContacts),
      vehicles: await total(vehicles),
      notes: await total(customerNotes),
      interventions: await total(interventions),
      invoices: await total(invoices),
      payments: await total(payments),
      consents: await total(consentEvents),
      activities: await total(customerActivity),
    };
    expect(counts).toEqual(result);
    expect(counts.users).toBe(4);
    expect(counts.customers).toBeGreaterThanOrEqual(240);
    expect(counts.contacts).toBeGreaterThanOrEqual(50);
    expect(counts.vehicles).toBeGreaterThanOrEqual(240);
    expect(counts.notes).toBeGreaterThanOrEqual(100);
    expect(counts.interventions).toBeGreaterThanOrEqual(500);
    expect(counts.invoices).toBeGreaterThanOrEqual(400);
    expect(counts.payments).toBeGreaterThanOrEqual(300);
    expect(counts.consents).toBeGreaterThanOrEqual(240);
    expect(counts.activities).toBeGreaterThanOrEqual(2000);
    expect(await total(tags)).toBeGreaterThanOrEqual(6);
    expect(await total(customerTags)).toBeGreaterThanOrEqual(100);
  });

  it('mixes individuals and companies, active, inactive and archived customers', async () => {
    const rows = await getDb()
      .select({ kind: customers.kind, status: customers.status, archivedAt: customers.archivedAt })
      .from(customers);
    const companies = rows.filter((r) => r.kind === 'company').length / rows.length;
    expect(companies).toBeGreaterThan(0.25);
    expect(companies).toBeLessThan(0.45);
    expect(rows.filter((r) => r.status === 'inactive').length).toBeGreaterThan(5);
    expect(rows.filter((r) => r.archivedAt).length).toBeGreaterThan(0);
  });

  it('lets all four demo users sign in with the given password', async () => {
    for (const u of DEMO_USERS) {
      const login = await verifyLogin(getDb(), { email: u.email, password: PASSWORD }, '127.0.0.1');
      expect(login).toMatchObject({ ok: true, user: { email: u.email, role: u.role } });
    }
    expect(
      await verifyLogin(getDb(), { email: 'admin@demo.local', password: 'wrong-password' }, '127.0.0.2'),
    ).toMatchObject({ ok: false });
  });

  it('generates valid plates, VINs, SIRETs, VAT numbers, phones and coordinates', async () => {
    const vs = await getDb().select({ plate: vehicles.plate, vin: vehicles.vin }).from(vehicles);
    for (const v of vs) {
      expect(checkPlate(v.plate!).valid, v.plate!).toBe(true);
      if (v.vin) expect(checkVin(v.vin).valid, v.vin).toBe(true);
    }
    const cs = await getDb().select().from(customers);
    for (const c of cs) {
      if (c.siret) expect(checkSiret(c.siret).valid, c.siret).toBe(true);
      if (c.vatNumber) expect(checkFrVat(c.vatNumber).valid, c.vatNumber).toBe(true);
      for (const p of [c.phone, c.mobile]) if (p) expect(checkPhone(p)).toEqual({ valid: true, normalized: p });
      expect(c.email || c.phone || c.mobile).toBeTruthy();
      expect(c.latitude).not.toBeNull();
      expect(c.geocodePrecision).toBe('commune');
      expect(c.geocodeSource).toBe('seed');
      if (c.kind === 'company') expect(c.companyName).toBeTruthy();
      else expect(c.lastName).toBeTruthy();
    }
    expect(cs.filter((c) => c.siret).length).toBeGreaterThan(40);
  });

  it('keeps invoices consistent with their payments (paidCents, status, TTC = HT + VAT, 30-day terms)', async () => {
    const rows = await getDb()
      .select({
        id: invoices.id,
        number: invoices.number,
        status: invoices.status,
        paidCents: invoices.paidCents,
        ht: invoices.totalHtCents,
        vat: invoices.vatCents,
        ttc: invoices.totalTtcCents,
        issuedAt: invoices.issuedAt,
        dueAt: invoices.dueAt,
        sum: sql<number>`coalesce((select sum(p.amount_cents) from payments p where p.invoice_id = ${invoices}.id), 0)::int`,
      })
      .from(invoices);
    const byStatus: Record<string, number> = {};
    for (const r of rows) {
      byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      expect(r.paidCents).toBe(r.sum);
      expect(r.ttc).toBe(r.ht + r.vat);
      expect(r.vat).toBe(Math.round(r.ht * 0.2));
      expect(r.number).toMatch(/^F-\d{4}-\d{6}$/);
      expect(r.dueAt.getTime() - r.issuedAt.getTime()).toBe(30 * 86_400_000);
      const expected =
        r.status === 'cancelled' ? 'cancelled' : r.sum === 0 ? 'unpaid' : r.sum === r.ttc ? 'paid' : 'partial';
      expect(r.status, r.number).toBe(expected);
    }
    expect(byStatus.paid).toBeGreaterThan(rows.length * 0.6);
    expect(byStatus.unpaid).toBeGreaterThan(0);
    expect(byStatus.partial).toBeGreaterThan(0);
    const [{ n: overdue }] = await getDb()
      .select({ n: count() })
      .from(invoices)
      .where(and(ne(invoices.status, 'paid'), ne(invoices.status, 'cancelled'), lt(invoices.dueAt, NOW)));
    expect(overdue).toBeGreaterThan(0);
    const [{ n: future }] = await getDb().select({ n: count() }).from(payments).where(gt(payments.paidAt, NOW));
    expect(future).toBe(0);
  });

  it('gives every customer a search text, a sort name and at least one past activity pointing to real rows', async () => {
    const cs = await getDb().select().from(customers);
    const plates = await getDb()
      .select({ customerId: vehicles.customerId, plate: vehicles.plate, vin: vehicles.vin })
      .from(vehicles);
    for (const c of cs) {
      expect(c.searchText.length).toBeGreaterThan(5);
      expect(c.sortName).toBe(c.sortName.toLowerCase());
      const own = plates.filter((p) => p.customerId === c.id);
      // Same words; the vehicles' order is the table's physical order (the follow-up triggers rewrite rows).
      const words = (text: string) => text.split(' ').sort();
      expect(words(c.searchText)).toEqual(
        words(buildSearchText(c, [...own.map((p) => p.plate), ...own.map((p) => p.vin)])),
      );
    }
    const [{ n: without }] = await getDb()
      .select({ n: count() })
      .from(customers)
      .where(sql`not exists (select 1 from ${customerActivity} a where a.customer_id = ${customers.id})`);
    expect(without).toBe(0);
    const [{ n: future }] = await getDb()
      .select({ n: count() })
      .from(customerActivity)
      .where(gt(customerActivity.occurredAt, NOW));
    expect(future).toBe(0);
    const [{ n: orphanInvoices }] = await getDb()
      .select({ n: count() })
      .from(customerActivity)
      .where(
        and(
          eq(customerActivity.relatedType, 'invoice'),
          sql`not exists (select 1 from ${invoices} i where i.id::text = ${customerActivity.relatedId})`,
        ),
      );
    expect(orphanInvoices).toBe(0);
    const types = await getDb().selectDistinct({ type: customerActivity.type }).from(customerActivity);
    expect(types.map((t) => t.type).sort()).toEqual(
      expect.arrayContaining([
        'call',
        'consent',
        'email',
        'intervention',
        'invoice',
        'note',
        'payment',
        'profile',
        'status',
        'visit',
      ]),
    );
    const [{ n: anonymous }] = await getDb()
      .select({ n: count() })
      .from(customerActivity)
      .where(and(eq(customerActivity.actorKind, 'user'), isNull(customerActivity.actorId)));
    expect(anonymous).toBe(0);
  });

  it('finds customers by full-text search on the generated search vector', async () => {
    const [plate] = await getDb()
      .select({ plate: vehicles.plate, customerId: vehicles.customerId })
      .from(vehicles)
      .limit(1);
    const compact = plate.plate!.replace(/-/g, '').toLowerCase();
    const hits = await getDb()
      .select({ id: customers.id })
      .from(customers)
      .where(sql`${customers.searchVector} @@ to_tsquery('simple', ${`${compact}:*`})`);
    expect(hits.map((h) => h.id)).toContain(plate.customerId);
  });

  it('builds regular visit histories (a personal cadence per customer) for the predictions', async () => {
    const rows = await getDb()
      .select({ customerId: interventions.customerId, at: interventions.scheduledAt })
      .from(interventions)
      .where(inArray(interventions.status, ['done', 'invoiced']))
      .orderBy(interventions.customerId, interventions.scheduledAt);
    const byCustomer = new Map<string, number[]>();
    for (const r of rows) byCustomer.set(r.customerId, [...(byCustomer.get(r.customerId) ?? []), r.at.getTime()]);
    let regular = 0;
    let withHistory = 0;
    for (const times of byCustomer.values()) {
      if (times.length < 4) continue;
      withHistory++;
      const gaps = times.slice(1).map((t, i) => (t - times[i]) / 86_400_000);
      const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
      const sd = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length);
      if (mean >= 60 && mean <= 450 && sd / mean < 0.5) regular++;
    }
    expect(withHistory).toBeGreaterThan(50);
    expect(regular / withHistory).toBeGreaterThan(0.8);
    const [{ n: planned }] = await getDb()
      .select({ n: count() })
      .from(interventions)
      .where(eq(interventions.status, 'planned'));
    expect(planned).toBeGreaterThan(20);
  });

  it('gives interventions the whole life cycle: lines matching their invoice, reports, and a day for the technician', async () => {
    const rows = await getDb().select().from(interventions);
    const byStatus = (s: string) => rows.filter((r) => r.status === s);
    for (const s of ['planned', 'done', 'invoiced', 'cancelled']) expect(byStatus(s).length, s).toBeGreaterThan(0);
    const lines = await getDb().select().from(interventionLines);
    const linesOf = new Map<string, (typeof lines)[number][]>();
    for (const l of lines) linesOf.set(l.interventionId, [...(linesOf.get(l.interventionId) ?? []), l]);
    const invoiceRows = await getDb().select().from(invoices);
    const invoiceById = new Map(invoiceRows.map((i) => [i.id, i]));
    for (const iv of byStatus('invoiced')) {
      const invoice = invoiceById.get(iv.invoiceId!)!;
      expect(invoice.interventionId).toBe(iv.id);
      const totals = computeTotals(linesOf.get(iv.id) ?? []);
      expect({ ht: invoice.totalHtCents, vat: invoice.vatCents }).toEqual({
        ht: totals.totalHtCents,
        vat: totals.vatCents,
      });
      expect(iv.totalTtcCents).toBe(totals.totalTtcCents);
    }
    for (const iv of [...byStatus('done'), ...byStatus('invoiced')]) {
      expect(iv.workDone).toBeTruthy();
      expect(iv.completedAt!.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(iv.startedAt!.getTime()).toBeLessThanOrEqual(iv.completedAt!.getTime());
    }
    for (const iv of byStatus('cancelled')) expect(iv.cancelReason).toBeTruthy();
    // No amount in intervention activities: every role sees them.
    const ivActivities = await getDb().select().from(customerActivity).where(eq(customerActivity.type, 'intervention'));
    for (const a of ivActivities) expect(JSON.stringify(a.metadata)).not.toMatch(/Cents/);
    // "Ma journée" of the demo technician on the seed's day (Paris): six visits from 08:00.
    const [technician] = await getDb().select().from(users).where(eq(users.role, 'technician'));
    const day = await listTechnicianDay(getDb(), { technicianId: technician.id, date: '2025-06-15', limit: 20 });
    expect(day.data.length).toBe(6);
    expect(day.data[0].scheduledAt.toISOString()).toBe('2025-06-15T06:00:00.000Z');
    const registered = await getDb().select({ d: vehicles.firstRegistrationDate }).from(vehicles);
    expect(registered.every((v) => v.d && v.d <= '2025-06-15')).toBe(true);
  });

  it('records marketing consents for part of the base, with proof, and some withdrawals', async () => {
    const rows = await getDb().select().from(consentEvents).where(eq(consentEvents.purpose, 'marketing'));
    expect(rows.filter((r) => r.granted).length).toBeGreaterThan(40);
    expect(rows.filter((r) => !r.granted).length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.proofText).toBeTruthy();
      expect(r.textVersion).toBeTruthy();
    }
  });

  it('is deterministic: the same seed gives the same customers on another database', async () => {
    const other = openPglite();
    try {
      await migrateDb(other);
      await seedDemo(other.db, { password: PASSWORD, now: NOW, customers: 240 });
      const pick = {
        number: customers.number,
        kind: customers.kind,
        firstName: customers.firstName,
        lastName: customers.lastName,
        companyName: customers.companyName,
        siret: customers.siret,
        city: customers.city,
      };
      const a = await getDb().select(pick).from(customers).orderBy(customers.number);
      const b = await other.db.select(pick).from(customers).orderBy(customers.number);
      expect(b).toEqual(a);
      expect(a[0].number).toBe('C-000001');
      const ia = await getDb()
        .select({ number: invoices.number, ttc: invoices.totalTtcCents })
        .from(invoices)
        .orderBy(invoices.number);
      const ib = await other.db
        .select({ number: invoices.number, ttc: invoices.totalTtcCents })
        .from(invoices)
        .orderBy(invoices.number);
      expect(ib).toEqual(ia);
    } finally {
      await other.close();
    }
    expect(getDbHandle()).toBeTruthy();
    // A second full seed (4 argon2 hashes + ~8k rows) on a fresh in-memory PGlite.
  }, 240_000);
});
