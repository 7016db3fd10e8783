import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { POST as duplicateRoute } from '@/app/api/customers/[id]/duplicate/route';
import { getDb } from '@/db';
import {
  consentEvents,
  customerActivity,
  customerContacts,
  customerNotes,
  customers,
  customerTags,
  invoices,
  payments,
  tags,
  vehicles,
} from '@/db/schema';
import { copyCustomer } from '@/lib/customers/copy';
import { childCounts, mergeCustomers } from '@/lib/duplicates/merge';
import { listDuplicatePairs } from '@/lib/duplicates/pairs';
import { actorFor, createBearer, createContact, createCustomer, createUser, createVehicle } from '../factories';
import { call } from '../factories/http';

const db = () => getDb();

async function richCustomer(overrides: Partial<typeof customers.$inferInsert> = {}) {
  const c = await createCustomer({
    kind: 'company',
    companyName: 'Garage Dupont',
    siret: '73282932000074',
    vatNumber: 'FR44732829320',
    mobile: '+33698765432',
    latitude: 45.76,
    longitude: 4.83,
    geocodePrecision: 'housenumber',
    ...overrides,
  });
  await createContact(c.id, { name: 'Paul Compta', email: 'compta@dupont.fr' });
  await createVehicle(c.id);
  await db().insert(customerNotes).values({ customerId: c.id, body: 'Note', authorName: 'x' });
  const [tag] = await db()
    .insert(tags)
    .values({ name: `vip-${c.id.slice(0, 6)}` })
    .returning();
  await db().insert(customerTags).values({ customerId: c.id, tagId: tag.id });
  const [inv] = await db()
    .insert(invoices)
    .values({
      customerId: c.id,
      number: `F-${c.id.slice(0, 8)}`,
      issuedAt: new Date(),
      dueAt: new Date(),
      totalHtCents: 1000,
      vatCents: 200,
      totalTtcCents: 1200,
      paidCents: 1200,
      status: 'paid',
    })
    .returning();
  await db()
    .insert(payments)
    .values({ customerId: c.id, invoiceId: inv.id, amountCents: 1200, method: 'card', paidAt: new Date() });
  await db().insert(consentEvents).values({
    customerId: c.id,
    purpose: 'marketing',
    channel: 'email',
    granted: true,
    source: 'paper-form',
    proofText: 'signé',
    actorKind: 'system',
    actorName: 't',
  });
  return c;
}

const n = async (
  table: typeof vehicles | typeof customerNotes | typeof consentEvents | typeof invoices,
  id: string,
) => {
  const [{ c }] = await db().select({ c: count() }).from(table).where(eq(table.customerId, id));
  return Number(c);
};

describe('intelligent duplication', () => {
  it('copies identity, address, coordinates, contacts and tags; clears identifiers; copies nothing else', async () => {
    const manager = await createUser('manager');
    const src = await richCustomer({ phone: '+33478000000' });
    const copy = await copyCustomer(db(), actorFor(manager), src.id, { email: 'site2@dupont.fr' });
    expect(copy).toMatchObject({
      kind: 'company',
      companyName: 'Garage Dupont (copie)',
      firstName: src.firstName,
      lastName: src.lastName,
      addressLine1: src.addressLine1,
      postalCode: src.postalCode,
      city: src.city,
      latitude: 45.76,
      longitude: 4.83,
      siret: null,
      vatNumber: null,
      email: 'site2@dupont.fr',
      phone: null,
      mobile: null,
      status: 'active',
    });
    expect(copy.id).not.toBe(src.id);
    expect(copy.tags.map((t) => t.name)).toEqual([`vip-${src.id.slice(0, 6)}`]);
    const contacts = await db().select().from(customerContacts).where(eq(customerContacts.customerId, copy.id));
    expect(contacts.map((c) => c.name)).toEqual(['Paul Compta']);
    for (const t of [vehicles, customerNotes, consentEvents, invoices] as const) expect(await n(t, copy.id)).toBe(0);
    const [{ p }] = await db().select({ p: count() }).from(payments).where(eq(payments.customerId, copy.id));
    expect(Number(p)).toBe(0);
    // Both timelines link to the other customer.
    const copyActs = await db().select().from(customerActivity).where(eq(customerActivity.customerId, copy.id));
    expect(copyActs).toHaveLength(1);
    expect(copyActs[0]).toMatchObject({ relatedType: 'customer', relatedId: src.id, actorId: manager.id });
    const srcActs = await db()
      .select()
      .from(customerActivity)
      .where(and(eq(customerActivity.customerId, src.id), eq(customerActivity.relatedId, copy.id)));
    expect(srcActs).toHaveLength(1);
    const [row] = await db().select().from(customers).where(eq(customers.id, copy.id));
    expect(row.sortName).toBe('garage dupont (copie)');
    expect(row.searchText).toContain('garage');
  });

  it('keeps phones on request, suffixes the last name of an individual; the API answers 201 and enforces the role', async () => {
    const src = await createCustomer({
      firstName: 'Léa',
      lastName: 'Roux',
      phone: '+33478000001',
      mobile: '+33612000001',
    });
    const manager = (await createBearer('manager')).authorization;
    const res = await call(duplicateRoute, {
      method: 'POST',
      params: { id: src.id },
      auth: manager,
      body: { keepPhones: true },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      lastName: 'Roux (copie)',
      firstName: 'Léa',
      phone: '+33478000001',
      mobile: '+33612000001',
      email: null,
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    // Without a way to reach the copy (no body: the source's phones are cleared) → 422 on e-mail.
    const noBody = await call(duplicateRoute, { method: 'POST', params: { id: src.id }, auth: manager });
    expect(noBody.status).toBe(422);
    expect(noBody.body.error.fields.email[0]).toMatch(/au moins un moyen de contact/);
    const tech = (await createBearer('technician')).authorization;
    expect((await call(duplicateRoute, { method: 'POST', params: { id: src.id }, auth: tech })).status).toBe(403);
    expect(
      (
        await call(duplicateRoute, {
          method: 'POST',
          params: { id: '00000000-0000-4000-8000-000000000000' },
          auth: manager,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(duplicateRoute, {
          method: 'POST',
          params: { id: src.id },
          auth: manager,
          body: { keepPhones: 'yes' },
        })
      ).status,
    ).toBe(422);
  });
});

describe('duplicate detection and merge', () => {
  it('lists pairs with their reasons', async () => {
    const a = await createCustomer({
      lastName: 'Bernardin',
      firstName: 'Marc',
      email: 'Marc.B@exemple.fr',
      postalCode: '75011',
      sortName: 'bernardin marc',
    });
    const b = await createCustomer({
      lastName: 'Bernardine',
      firstName: 'Marc',
      email: 'marc.b@exemple.fr',
      postalCode: '75011',
      sortName: 'bernardine marc',
      phone: '+33140000001',
    });
    const pairs = await listDuplicatePairs(db());
    const pair = pairs.find((p) => [p.a.id, p.b.id].sort().join() === [a.id, b.id].sort().join());
    expect(pair?.reasons).toEqual(['email', 'name']);
  });

  it('moves every child to the survivor in one transaction, keeps counts, records it on both timelines', async () => {
    const manager = await createUser('manager');
    const survivor = await richCustomer({ email: 'one@dupont.fr', phone: '+33478000010' });
    const merged = await richCustomer({
      email: 'two@dupont.fr',
      phone: '+33478000011',
      city: 'Villeurbanne',
      postalCode: '69100',
    });
    const before = await childCounts(db(), [survivor.id, merged.id]);
    const r = await mergeCustomers(db(), actorFor(manager), survivor.id, merged.id, {
      email: 'merged',
      address: 'merged',
    });
    expect(r.moved.vehicles).toBe(1);
    const after = await childCounts(db(), [survivor.id]);
    expect(after).toEqual({ ...before, activities: before.activities + 2 });
    expect(await db().select().from(customers).where(eq(customers.id, merged.id))).toHaveLength(0);
    const [s] = await db().select().from(customers).where(eq(customers.id, survivor.id));
    expect(s).toMatchObject({
      email: 'two@dupont.fr',
      phone: '+33478000010',
      city: 'Villeurbanne',
      postalCode: '69100',
    });
    const tagCount = await db().select().from(customerTags).where(eq(customerTags.customerId, survivor.id));
    expect(tagCount).toHaveLength(2);
    const merges = await db()
      .select()
      .from(customerActivity)
      .where(and(eq(customerActivity.customerId, survivor.id), eq(customerActivity.type, 'merge')));
    expect(merges.map((m) => m.title).sort()).toEqual([
      `Fusion avec ${merged.number}`,
      `Fusionné dans ${survivor.number}`,
    ]);
    // The consent proof moved untouched and the append-only guard is back on.
    const consents = await db().select().from(consentEvents).where(eq(consentEvents.customerId, survivor.id));
    expect(consents.every((e) => e.proofText === 'signé')).toBe(true);
    await expect(
      db().update(consentEvents).set({ granted: false }).where(eq(consentEvents.customerId, survivor.id)),
    ).rejects.toThrow();
  });

  it('refuses an incomplete result or unknown ids and writes nothing', async () => {
    const manager = await createUser('manager');
    const a = await createCustomer({ email: null, phone: '+33478000020' });
    const b = await createCustomer({ email: null, phone: null, mobile: null });
    await expect(mergeCustomers(db(), actorFor(manager), a.id, b.id, { phone: 'merged' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(await db().select().from(customers).where(eq(customers.id, b.id))).toHaveLength(1);
    await expect(
      mergeCustomers(db(), actorFor(manager), a.id, '00000000-0000-4000-8000-000000000000', {}),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(mergeCustomers(db(), actorFor(manager), a.id, a.id, {})).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});
