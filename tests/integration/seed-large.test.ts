import { count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import {
  consentEvents,
  customerActivity,
  customers,
  interventions,
  invoices,
  payments,
  tasks,
  users,
  vehicles,
} from '@/db/schema';
import { seedLarge, type SeedLargeResult } from '@/db/seed/large';
import { buildSearchQuery } from '@/lib/customers/search';
import { checkEmail, checkPhone } from '@/lib/validation/contact';
import { checkFrVat, checkPlate, checkPostalCode, checkSiret, checkVin } from '@/lib/validation/identifiers';
import { createUser } from '../factories';

const N = 300;

describe(`seedLarge (${process.env.TEST_DRIVER ?? 'pglite'})`, () => {
  let result: SeedLargeResult;
  beforeAll(async () => {
    await createUser('manager', { name: 'Julien Moreau' });
    await createUser('technician', { name: 'Karim Benali' });
    result = await seedLarge(getDb(), { customers: N, activitiesPerCustomer: 10, invoicesPerCustomer: 3 });
  });

  it('creates the requested customers with ~10 activities and ~3 invoices each, without creating users', async () => {
    const [{ c }] = await getDb().select({ c: count() }).from(customers);
    const [{ a }] = await getDb().select({ a: count() }).from(customerActivity);
    const [{ i }] = await getDb().select({ i: count() }).from(invoices);
    const [{ u }] = await getDb().select({ u: count() }).from(users);
    expect(c).toBe(N);
    expect(result).toMatchObject({ customers: N, activities: a, invoices: i });
    expect(a / N).toBeGreaterThan(8);
    expect(a / N).toBeLessThan(12);
    expect(i / N).toBeGreaterThan(2.5);
    expect(i / N).toBeLessThan(3.5);
    expect(u).toBe(2);
    const [{ v }] = await getDb().select({ v: count() }).from(vehicles);
    expect(v).toBe(result.vehicles);
    expect(v).toBeGreaterThanOrEqual(N);
    // ~1 task per 2 customers, each assigned to one of the staff (« Mes tâches » bench), some done.
    const seeded = await getDb().select().from(tasks);
    expect(seeded.length).toBe(result.tasks);
    expect(seeded.length / N).toBeGreaterThan(0.3);
    expect(seeded.length / N).toBeLessThan(0.7);
    expect(seeded.every((t) => t.assigneeId !== null)).toBe(true);
    expect(seeded.some((t) => t.completedAt !== null) && seeded.some((t) => t.completedAt === null)).toBe(true);
  });

  it('produces valid identifiers, contacts and coordinates', async () => {
    const rows = await getDb().select().from(customers);
    for (const c of rows) {
      if (c.siret) expect(checkSiret(c.siret).valid, c.siret).toBe(true);
      if (c.vatNumber) expect(checkFrVat(c.vatNumber).valid, c.vatNumber).toBe(true);
      if (c.email) expect(checkEmail(c.email).valid, c.email).toBe(true);
      for (const p of [c.phone, c.mobile]) if (p) expect(checkPhone(p), p).toEqual({ valid: true, normalized: p });
      expect(c.email || c.phone || c.mobile).toBeTruthy();
      expect(checkPostalCode(c.postalCode!).valid).toBe(true);
      expect(c.latitude).not.toBeNull();
      expect(c.kind === 'company' ? c.companyName : c.lastName).toBeTruthy();
      expect(c.sortName).toBe(c.sortName.toLowerCase());
    }
    expect(rows.filter((c) => c.kind === 'company' && c.siret).length).toBeGreaterThan(N * 0.2);
    for (const v of await getDb().select().from(vehicles)) {
      expect(checkPlate(v.plate!).valid, v.plate!).toBe(true);
      expect(checkVin(v.vin!).valid, v.vin!).toBe(true);
    }
  });

  it('keeps invoices consistent with payments', async () => {
    const rows = await getDb()
      .select({
        status: invoices.status,
        paid: invoices.paidCents,
        ttc: invoices.totalTtcCents,
        sum: sql<number>`coalesce((select sum(p.amount_cents) from payments p where p.invoice_id = ${invoices}.id), 0)::int`,
      })
      .from(invoices);
    for (const r of rows) {
      expect(r.paid).toBe(r.sum);
      expect(r.status).toBe(r.sum === 0 ? 'unpaid' : r.sum === r.ttc ? 'paid' : 'partial');
    }
    const [{ n }] = await getDb().select({ n: count() }).from(payments);
    expect(n).toBe(result.payments);
    const numbers = await getDb().select({ number: invoices.number }).from(invoices);
    expect(new Set(numbers.map((x) => x.number)).size).toBe(numbers.length);
  });

  it('makes customers findable by full-text search (name, plate, phone)', async () => {
    const [c] = await getDb().select().from(customers).where(eq(customers.kind, 'individual')).limit(1);
    const [v] = await getDb().select().from(vehicles).where(eq(vehicles.customerId, c.id)).limit(1);
    const search = async (q: string) =>
      (
        await getDb()
          .select({ id: customers.id })
          .from(customers)
          .where(sql`${customers.searchVector} @@ to_tsquery('simple', ${buildSearchQuery(q)})`)
      ).map((r) => r.id);
    expect(await search(`${c.lastName} ${c.firstName}`)).toContain(c.id);
    expect(await search(v.plate!)).toContain(c.id);
    expect(await search(v.plate!.replace(/-/g, ''))).toContain(c.id);
    if (c.mobile) expect(await search(`0${c.mobile.slice(3)}`)).toContain(c.id);
  });

  it('links activities to their rows and uses existing users as actors', async () => {
    const [{ orphans }] = await getDb()
      .select({ orphans: count() })
      .from(customerActivity)
      .where(
        sql`${customerActivity.relatedType} = 'payment' and not exists (select 1 from payments p where p.id::text = ${customerActivity.relatedId})`,
      );
    expect(orphans).toBe(0);
    const actors = await getDb().selectDistinct({ name: customerActivity.actorName }).from(customerActivity);
    expect(actors.map((a) => a.name)).toEqual(expect.arrayContaining(['Julien Moreau', 'Karim Benali']));
    const [{ n }] = await getDb().select({ n: count() }).from(consentEvents);
    expect(n).toBeGreaterThan(N * 0.5);
  });

  it('links each invoice to an invoiced intervention whose lines give its amounts; books visits ahead', async () => {
    const rows = await getDb()
      .select({
        status: interventions.status,
        invoiceHt: invoices.totalHtCents,
        invoiceVat: invoices.vatCents,
        ttc: interventions.totalTtcCents,
        linesHt: sql<number>`(select sum(round(l.quantity * l.unit_price_ht_cents)) from intervention_lines l where l.intervention_id = ${interventions.id})::int`,
        linesVat: sql<number>`(select sum(round(round(l.quantity * l.unit_price_ht_cents) * l.vat_rate_bp / 10000.0)) from intervention_lines l where l.intervention_id = ${interventions.id})::int`,
      })
      .from(interventions)
      .innerJoin(invoices, eq(invoices.id, interventions.invoiceId));
    const [{ i }] = await getDb().select({ i: count() }).from(invoices);
    expect(rows.length).toBe(i);
    for (const r of rows) {
      expect(r.status).toBe('invoiced');
      expect({ ht: r.linesHt, vat: r.linesVat }).toEqual({ ht: r.invoiceHt, vat: r.invoiceVat });
      expect(r.ttc).toBe(r.invoiceHt + r.invoiceVat);
    }
    const [{ planned }] = await getDb()
      .select({ planned: count() })
      .from(interventions)
      .where(eq(interventions.status, 'planned'));
    expect(planned).toBeGreaterThan(0);
    const [{ registered }] = await getDb()
      .select({ registered: count() })
      .from(vehicles)
      .where(sql`${vehicles.firstRegistrationDate} is not null`);
    expect(registered).toBe(result.vehicles);
  });

  it('adds up on a second run without colliding (ids, invoice numbers)', async () => {
    const second = await seedLarge(getDb(), { customers: 50 });
    expect(second.customers).toBe(50);
    const [{ c }] = await getDb().select({ c: count() }).from(customers);
    expect(c).toBe(N + 50);
  });

  it('--interventions adds done or cancelled interventions without lines, spread over the technicians', async () => {
    const technician2 = await createUser('technician', { name: 'Léa Petit' });
    const [{ before }] = await getDb().select({ before: count() }).from(interventions);
    const third = await seedLarge(getDb(), { customers: 40, invoicesPerCustomer: 2, interventionsPerCustomer: 7 });
    const [{ after }] = await getDb().select({ after: count() }).from(interventions);
    expect(after - before).toBe(third.interventions);
    expect(third.interventions).toBeGreaterThanOrEqual(40 * 7 - 40);
    const extra = await getDb()
      .select({ status: interventions.status, n: count() })
      .from(interventions)
      .where(
        sql`${interventions.invoiceId} is null and ${interventions.status} <> 'planned'
        and ${interventions.createdAt} > now() - interval '100 years' and not exists (
          select 1 from intervention_lines l where l.intervention_id = ${interventions.id})`,
      )
      .groupBy(interventions.status);
    const byStatus = Object.fromEntries(extra.map((r) => [r.status, r.n]));
    expect((byStatus.done ?? 0) + (byStatus.cancelled ?? 0)).toBe(40 * 5);
    expect(byStatus.done).toBeGreaterThan(byStatus.cancelled ?? 0);
    const [{ techs }] = await getDb()
      .select({ techs: sql<number>`count(distinct ${interventions.technicianId})::int` })
      .from(interventions)
      .where(sql`${interventions.invoiceId} is null and ${interventions.status} in ('done', 'cancelled')`);
    expect(techs).toBe(2);
    expect(technician2.id).toBeTruthy();
    // Done ones are visits (completed, no charge); cancelled ones carry a reason.
    const [bad] = await getDb().select({ n: count() }).from(interventions)
      .where(sql`(${interventions.status} = 'done' and ${interventions.invoiceId} is null and (${interventions.completedAt} is null or not ${interventions.noCharge}))
        or (${interventions.status} = 'cancelled' and ${interventions.cancelReason} is null)`);
    expect(bad.n).toBe(0);
  });
});
