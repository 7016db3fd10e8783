import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as oneRoute from '@/app/api/customers/[id]/route';
import * as listRoute from '@/app/api/customers/route';
import * as contactList from '@/app/api/customers/[id]/contacts/route';
import { getDb } from '@/db';
import {
  consentEvents,
  customerActivity,
  customerContacts,
  customerDocuments,
  customerNotes,
  customers,
  customerTags,
  emailOutbox,
  invoices,
  payments,
  tags,
  vehicles,
} from '@/db/schema';
import { recordActivity } from '@/lib/audit';
import { eraseCustomer } from '@/lib/customers/mutations';
import { getStorage, newStorageKey } from '@/lib/storage';
import { actorFor, createUser, suiteBearers } from '../factories';
import { insertPartlyPaidInvoice } from '../factories/finances';
import { call } from '../factories/http';

const bearer = suiteBearers();

const NAME = 'Gwendoline';
const LAST = 'Quérembourg';
const EMAIL = 'gwendoline.querembourg@perso-mail.fr';
const PHONE = '+33687654321';

const TABLES = [
  'customers',
  'customer_contacts',
  'vehicles',
  'customer_notes',
  'customer_activity',
  'consent_events',
  'customer_documents',
  'email_outbox',
  'interventions',
  'payments',
  'invoices',
  'erasure_tombstones',
  'geocode_cache',
];
let columnCache: Map<string, string[]> | undefined;

/** Text, jsonb and tsvector columns of every table that may hold personal data (read from the catalog). */
async function textColumns(): Promise<Map<string, string[]>> {
  if (columnCache) return columnCache;
  const rows = await getDb()
    .select({ table: sql<string>`table_name`, name: sql<string>`column_name` })
    .from(sql`information_schema.columns`)
    .where(
      sql`table_schema = current_schema() and data_type in ('text', 'jsonb', 'character varying', 'tsvector', 'USER-DEFINED')`,
    );
  columnCache = new Map();
  for (const r of rows)
    if (TABLES.includes(r.table)) columnCache.set(r.table, [...(columnCache.get(r.table) ?? []), r.name]);
  return columnCache;
}

/** The tables where any of those columns contains the needle (case-insensitive). */
async function occurrences(needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const [table, cols] of await textColumns()) {
    const joined = sql.raw(`lower(concat_ws('|', ${cols.map((c) => `"${c}"::text`).join(', ')}))`);
    const [row] = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(sql.raw(`"${table}"`))
      .where(sql`${joined} like ${'%' + needle.toLowerCase() + '%'}`);
    if (Number(row.n) > 0) found.push(table);
  }
  return found;
}

async function seedFullCustomer() {
  const db = getDb();
  const admin = actorFor(await createUser('admin'));
  const created = await call(listRoute.POST, {
    method: 'POST',
    auth: bearer.admin,
    // The same person each time: once erased, re-creating them is an admin's deliberate choice.
    query: { confirmErased: 'true' },
    body: {
      kind: 'individual',
      firstName: NAME,
      lastName: LAST,
      email: EMAIL,
      phone: '06 87 65 43 21',
      mobile: '07 45 67 89 12',
      addressLine1: '3 impasse des Lilas',
      postalCode: '35000',
      city: 'Rennes',
    },
  });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  await call(contactList.POST, {
    method: 'POST',
    auth: bearer.admin,
    params: { id },
    body: { name: `${NAME} ${LAST}`, email: EMAIL, phone: PHONE },
  });
  await db.insert(vehicles).values({ customerId: id, plate: 'GW-777-QR', make: 'Renault' });
  await db.insert(customerNotes).values({ customerId: id, authorName: 'Agent', body: `Appeler ${NAME} au ${PHONE}` });
  const [tag] = await db
    .insert(tags)
    .values({ name: `tag-${id.slice(0, 6)}` })
    .returning();
  await db.insert(customerTags).values({ customerId: id, tagId: tag.id });
  await recordActivity(db, admin, {
    customerId: id,
    type: 'email',
    title: `Mail à ${EMAIL}`,
    metadata: { to: EMAIL, name: LAST },
  });
  const storage = await getStorage();
  const key = newStorageKey();
  await storage.put(key, new TextEncoder().encode(`pièce d'identité de ${NAME}`));
  const [doc] = await db
    .insert(customerDocuments)
    .values({
      customerId: id,
      category: 'identity',
      originalName: `CNI ${LAST}.pdf`,
      storageKey: key,
      mimeType: 'application/pdf',
      sizeBytes: 20,
      sha256: 'x'.repeat(64),
      uploadedByName: 'Agent',
    })
    .returning();
  await db.insert(consentEvents).values([
    {
      customerId: id,
      purpose: 'marketing',
      channel: 'email',
      granted: true,
      source: 'paper-form',
      textVersion: 'v1',
      proofText: `Signé par ${NAME} ${LAST}`,
      documentId: doc.id,
      actorKind: 'user',
      actorName: 'Agent',
      ip: '203.0.113.9',
      userAgent: 'Mozilla',
      occurredAt: new Date('2024-01-01T10:00:00Z'),
    },
    {
      customerId: id,
      purpose: 'marketing',
      channel: 'email',
      granted: false,
      source: 'phone',
      proofText: `Appel de ${EMAIL}`,
      actorKind: 'user',
      actorName: 'Agent',
      ip: '203.0.113.9',
      userAgent: 'Mozilla',
      occurredAt: new Date('2024-06-01T10:00:00Z'),
    },
  ]);
  await db.insert(emailOutbox).values({
    customerId: id,
    to: EMAIL,
    subject: `Bonjour ${NAME}`,
    body: 'x',
    purpose: 'service',
    actorKind: 'user',
    actorName: 'Agent',
  });
  const { invoice, payment } = await insertPartlyPaidInvoice(id, {
    invoice: { number: `F-${id.slice(0, 8)}`, issuedAt: new Date('2024-03-01'), dueAt: new Date('2024-04-01') },
    payment: { paidAt: new Date('2024-03-05') },
  });
  return { id, key, invoice, payment, number: created.body.number as string };
}

describe('GDPR erasure (DELETE /api/customers/{id})', () => {
  it('only admins may erase', async () => {
    const { id } = await seedFullCustomer();
    for (const role of ['manager', 'technician', 'viewer'] as const) {
      expect((await call(oneRoute.DELETE, { method: 'DELETE', auth: bearer[role], params: { id } })).status).toBe(403);
    }
    const [row] = await getDb().select().from(customers).where(eq(customers.id, id));
    expect(row.erasedAt).toBeNull();
    expect(row.firstName).toBe(NAME);
    // clean up so the next test's "no trace left" search starts from this file's only other data
    expect((await call(oneRoute.DELETE, { method: 'DELETE', auth: bearer.admin, params: { id } })).status).toBe(204);
  });

  it('leaves no personal data anywhere, removes the file, keeps invoices and payments, writes one erasure entry', async () => {
    const { id, key, invoice, payment, number } = await seedFullCustomer();
    for (const needle of [NAME, LAST, EMAIL, '0687654321', '687654321', 'GW-777-QR', 'impasse des Lilas']) {
      expect((await occurrences(needle)).length, needle).toBeGreaterThan(0);
    }
    const storage = await getStorage();
    expect(await storage.exists(key)).toBe(true);

    const res = await call(oneRoute.DELETE, { method: 'DELETE', auth: bearer.admin, params: { id } });
    expect(res.status).toBe(204);

    for (const needle of [
      NAME,
      LAST,
      'querembourg',
      EMAIL,
      'perso-mail',
      '0687654321',
      '687654321',
      '745678912',
      'GW-777-QR',
      'gw777qr',
      'impasse des Lilas',
      'Rennes',
      '35000',
      '203.0.113.9',
      'Mozilla',
    ]) {
      expect(await occurrences(needle), needle).toEqual([]);
    }
    expect(await storage.exists(key)).toBe(false);

    const db = getDb();
    const [row] = await db.select().from(customers).where(eq(customers.id, id));
    expect(row).toMatchObject({
      number,
      lastName: 'Client effacé',
      firstName: null,
      email: null,
      phone: null,
      mobile: null,
      addressLine1: null,
      postalCode: null,
      city: null,
      siret: null,
      latitude: null,
      status: 'inactive',
      searchText: '',
    });
    expect(row.erasedAt).toBeInstanceOf(Date);
    for (const table of [
      customerContacts,
      vehicles,
      customerNotes,
      customerTags,
      customerDocuments,
      emailOutbox,
    ] as const) {
      expect(await db.select().from(table).where(eq(table.customerId, id)), String(table)).toHaveLength(0);
    }
    const consents = await db.select().from(consentEvents).where(eq(consentEvents.customerId, id));
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({
      purpose: 'marketing',
      channel: 'email',
      granted: false,
      ip: null,
      userAgent: null,
      proofText: null,
      documentId: null,
    });
    expect(consents[0].occurredAt.toISOString()).toBe('2024-06-01T10:00:00.000Z');

    const acts = await db.select().from(customerActivity).where(eq(customerActivity.customerId, id));
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({
      type: 'system',
      title: 'Données personnelles effacées (RGPD)',
      actorKind: 'token',
    });

    const [inv] = await db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(inv).toMatchObject({
      customerId: id,
      totalHtCents: 10000,
      vatCents: 2000,
      totalTtcCents: 12000,
      paidCents: 5000,
      status: 'partial',
      number: invoice.number,
    });
    const [pay] = await db.select().from(payments).where(eq(payments.id, payment.id));
    expect(pay).toMatchObject({ amountCents: 5000, invoiceId: invoice.id });

    // the anonymised record is readable, never listed, and can no longer be modified or erased again
    const got = await call(oneRoute.GET, { auth: bearer.viewer, params: { id } });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      id,
      lastName: 'Client effacé',
      contacts: [],
      vehicles: [],
      tags: [],
      erasedAt: expect.any(String),
    });
    const listed = await call(listRoute.GET, { auth: bearer.viewer, query: { archived: 'include', limit: '100' } });
    expect(listed.body.data.map((d: { id: string }) => d.id)).not.toContain(id);
    const patch = await call(oneRoute.PATCH, {
      method: 'PATCH',
      auth: bearer.admin,
      params: { id },
      body: { firstName: 'Retour', updatedAt: got.body.updatedAt },
    });
    expect(patch.status).toBe(409);
    expect(
      (await call(contactList.POST, { method: 'POST', auth: bearer.admin, params: { id }, body: { name: 'X' } }))
        .status,
    ).toBe(409);
    expect((await call(oneRoute.DELETE, { method: 'DELETE', auth: bearer.admin, params: { id } })).status).toBe(409);
    expect(await db.select().from(customerActivity).where(eq(customerActivity.customerId, id))).toHaveLength(1);
  });

  it('is one transaction: a failure midway leaves everything in place', async () => {
    const { id } = await seedFullCustomer();
    const db = getDb();
    const admin = actorFor(await createUser('admin'));
    // a transaction whose last statement fails: nothing of the erasure may remain
    const failing = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop !== 'transaction') return Reflect.get(target, prop, receiver);
        return (fn: (tx: unknown) => Promise<unknown>) =>
          target.transaction(async (tx) => {
            await fn(tx);
            throw new Error('disk full');
          });
      },
    });
    await expect(eraseCustomer(failing, admin, id)).rejects.toThrow('disk full');
    const [row] = await db.select().from(customers).where(eq(customers.id, id));
    expect(row).toMatchObject({ firstName: NAME, erasedAt: null, email: EMAIL });
    expect(await db.select().from(consentEvents).where(eq(consentEvents.customerId, id))).toHaveLength(2);
    expect(await db.select().from(customerContacts).where(eq(customerContacts.customerId, id))).toHaveLength(1);
    expect(await db.select().from(customerDocuments).where(eq(customerDocuments.customerId, id))).toHaveLength(1);
    // and the append-only guard is back in force outside the erasure transaction
    await expect(db.delete(consentEvents).where(eq(consentEvents.customerId, id))).rejects.toThrow();
  });
});
