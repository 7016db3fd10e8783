import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/customers/[id]/export/route';
import { getDb } from '@/db';
import { customerActivity, customerNotes, customerTags, tags } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import { exportBundleSchema } from '@/lib/export/bundle';
import { createContact, createCustomer, createVehicle, suiteBearers } from '../factories';
import {
  insertActivity,
  insertConsentEvent,
  insertDocument,
  insertInterventionInvoicePayment,
  insertOutboxEmail,
} from '../factories/consents';
import { call } from '../factories/http';

const auth = suiteBearers();

async function fullCustomer() {
  const db = getDb();
  const c = await createCustomer({ firstName: 'Léa', lastName: 'Dupré', city: 'Nantes' });
  const contact = await createContact(c.id);
  const vehicle = await createVehicle(c.id);
  const [note] = await db
    .insert(customerNotes)
    .values({ customerId: c.id, authorName: 'Agent', body: 'Préfère être appelée le matin', pinned: true })
    .returning();
  const [tag] = await db
    .insert(tags)
    .values({ name: `vip-${c.number}` })
    .returning();
  await db.insert(customerTags).values({ customerId: c.id, tagId: tag.id });
  const activity = await insertActivity(c.id, {
    type: 'call',
    title: 'Appel entrant',
    metadata: { durationSeconds: 120 },
  });
  const { intervention, invoice, payment } = await insertInterventionInvoicePayment(c.id);
  const consent = await insertConsentEvent(c.id, { ip: '198.51.100.4', userAgent: 'Tablette' });
  const doc = await insertDocument(c.id);
  const adminDoc = await insertDocument(c.id, { category: 'identity', minRole: 'admin' });
  await insertDocument(c.id, { deletedAt: new Date() });
  const email = await insertOutboxEmail(c.id, { to: c.email! });
  return { c, contact, vehicle, note, tag, activity, intervention, invoice, payment, consent, doc, adminDoc, email };
}

const exportOf = (id: string, role: Role, format?: string) =>
  call(GET, { params: { id }, auth: auth[role], query: format ? { format } : {} });

describe('GET /api/customers/{id}/export?format=json (GDPR bundle)', () => {
  it('downloads a bundle that validates against its schema and holds every child row', async () => {
    const f = await fullCustomer();
    const other = await createCustomer();
    await createVehicle(other.id);
    await insertConsentEvent(other.id);

    const res = await exportOf(f.c.id, 'manager', 'json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="client-${f.c.number}.json"`);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const bundle = exportBundleSchema.parse(JSON.parse(res.text));

    expect(bundle.customer).toMatchObject({
      id: f.c.id,
      number: f.c.number,
      firstName: 'Léa',
      lastName: 'Dupré',
      email: f.c.email,
    });
    expect(bundle.contacts.map((x) => x.id)).toEqual([f.contact.id]);
    expect(bundle.vehicles.map((x) => x.id)).toEqual([f.vehicle.id]);
    expect(bundle.notes).toEqual([
      expect.objectContaining({ id: f.note.id, body: 'Préfère être appelée le matin', pinned: true }),
    ]);
    expect(bundle.tags.map((x) => x.id)).toEqual([f.tag.id]);
    expect(bundle.activities).toEqual([
      expect.objectContaining({ id: f.activity.id, metadata: { durationSeconds: 120 } }),
    ]);
    expect(bundle.interventions.map((x) => x.id)).toEqual([f.intervention.id]);
    expect(bundle.invoices).toEqual([
      expect.objectContaining({ id: f.invoice.id, totalTtcCents: 12000, paidCents: 5000, remainingCents: 7000 }),
    ]);
    expect(bundle.payments).toEqual([
      expect.objectContaining({ id: f.payment.id, invoiceId: f.invoice.id, amountCents: 5000 }),
    ]);
    expect(bundle.consents).toEqual([
      expect.objectContaining({ id: f.consent.id, ip: '198.51.100.4', userAgent: 'Tablette', granted: true }),
    ]);
    expect(bundle.emails.map((x) => x.id)).toEqual([f.email.id]);
    // Deleted documents are gone; the identity document needs the admin role to be seen.
    expect(bundle.documents).toEqual([
      expect.objectContaining({ id: f.doc.id, sha256: f.doc.sha256, sizeBytes: 1234 }),
    ]);
    expect(bundle.documentsWithheld).toBe(1);
    expect(bundle.counts).toEqual({
      contacts: 1,
      vehicles: 1,
      notes: 1,
      tags: 1,
      activities: 1,
      interventions: 1,
      invoices: 1,
      payments: 1,
      creditNotes: 0,
      refunds: 0,
      consents: 1,
      emails: 1,
      documents: 1,
    });

    const asAdmin = exportBundleSchema.parse(JSON.parse((await exportOf(f.c.id, 'admin')).text));
    expect(asAdmin.documents.map((d) => d.id).sort()).toEqual([f.doc.id, f.adminDoc.id].sort());
    expect(asAdmin.documentsWithheld).toBe(0);
    // The first export's activity is part of the second bundle.
    expect(asAdmin.activities.map((a) => a.type)).toEqual(['call', 'export']);
  });

  it('writes an export activity with the format and row counts', async () => {
    const f = await fullCustomer();
    await exportOf(f.c.id, 'manager');
    const rows = await getDb()
      .select()
      .from(customerActivity)
      .where(and(eq(customerActivity.customerId, f.c.id), eq(customerActivity.type, 'export')));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorKind: 'token', title: 'Export JSON des données du client' });
    expect(rows[0].metadata).toMatchObject({ format: 'json', counts: { vehicles: 1, invoices: 1, documents: 1 } });
  });

  it('is refused to technicians and viewers, 404 for an unknown customer, 422 for other formats; nothing logged', async () => {
    const c = await createCustomer();
    for (const role of ['technician', 'viewer'] as const) {
      const res = await exportOf(c.id, role, 'json');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect((await exportOf('00000000-0000-4000-8000-000000000000', 'admin')).status).toBe(404);
    const unknown = await exportOf(c.id, 'admin', 'docx');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields.format[0]).toMatch(/Format inconnu/);
    const rows = await getDb().select().from(customerActivity).where(eq(customerActivity.customerId, c.id));
    expect(rows).toHaveLength(0);
  });
});
