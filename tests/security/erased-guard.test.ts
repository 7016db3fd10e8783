import { count, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import {
  customerActivity,
  customerContacts,
  customerDocuments,
  customerNotes,
  customerTags,
  vehicles,
} from '@/db/schema';
import { eraseCustomer } from '@/lib/customers/mutations';
import { actorFor, createCustomer, createUser, suiteBearers } from '../factories';
import { listUploadFiles, multipart, samples } from '../factories/documents';
import { call } from '../factories/http';

vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const activitiesRoute = await import('@/app/api/customers/[id]/activities/route');
const activityAlias = await import('@/app/api/customers/[id]/activity/route');
const documentsRoute = await import('@/app/api/customers/[id]/documents/route');
const notesRoute = await import('@/app/api/customers/[id]/notes/route');
const tagsRoute = await import('@/app/api/customers/[id]/tags/route');
const contactsRoute = await import('@/app/api/customers/[id]/contacts/route');
const vehiclesRoute = await import('@/app/api/customers/[id]/vehicles/route');

const auth = suiteBearers();

const PERSONAL = { title: 'Appel de Gwendoline Quérembourg', description: 'Rappeler au 06 87 65 43 21' };

/** Rows of every child table for this customer: nothing may be written after the erasure. */
async function footprint(customerId: string) {
  const db = getDb();
  const n = async (table: typeof customerActivity | typeof customerDocuments | typeof customerNotes, col: any) =>
    Number((await db.select({ n: count() }).from(table).where(eq(col, customerId)))[0].n);
  return {
    activity: await n(customerActivity, customerActivity.customerId),
    documents: await n(customerDocuments, customerDocuments.customerId),
    notes: await n(customerNotes, customerNotes.customerId),
    contacts: Number(
      (await db.select({ n: count() }).from(customerContacts).where(eq(customerContacts.customerId, customerId)))[0].n,
    ),
    vehicles: Number((await db.select({ n: count() }).from(vehicles).where(eq(vehicles.customerId, customerId)))[0].n),
    tags: Number(
      (await db.select({ n: count() }).from(customerTags).where(eq(customerTags.customerId, customerId)))[0].n,
    ),
    files: (await listUploadFiles()).length,
  };
}

async function erased() {
  const c = await createCustomer();
  await eraseCustomer(getDb(), actorFor(await createUser('admin')), c.id);
  return c.id;
}

describe('an erased customer accepts no new personal data', () => {
  for (const role of ['technician', 'manager'] as const) {
    it(`${role}: POST activities (both paths) and documents → 409, nothing written`, async () => {
      const id = await erased();
      const before = await footprint(id);
      for (const route of [activitiesRoute.POST, activityAlias.POST]) {
        const res = await call(route, {
          method: 'POST',
          auth: auth[role],
          params: { id },
          body: { type: 'call', ...PERSONAL, metadata: { phone: '+33687654321' } },
        });
        expect(res.status).toBe(409);
        expect(res.body.error.code).toBe('conflict');
        expect(res.body.error.message).toMatch(/effacé/);
      }
      const upload = await call(documentsRoute.POST, {
        method: 'POST',
        auth: auth[role],
        params: { id },
        rawBody: multipart(samples.text('CNI de Gwendoline Quérembourg'), 'cni.txt', { category: 'identity' }),
      });
      expect(upload.status).toBe(409);
      expect(upload.body.error.message).toMatch(/effacé/);
      expect(await footprint(id)).toEqual(before);
    });
  }

  it('notes, contacts, vehicles and tags are refused the same way (409), nothing written', async () => {
    const id = await erased();
    const before = await footprint(id);
    const writes = [
      call(notesRoute.POST, {
        method: 'POST',
        auth: auth.technician,
        params: { id },
        body: { body: PERSONAL.description },
      }),
      call(contactsRoute.POST, { method: 'POST', auth: auth.manager, params: { id }, body: { name: 'Gwendoline' } }),
      call(vehiclesRoute.POST, { method: 'POST', auth: auth.manager, params: { id }, body: { plate: 'GW-777-QR' } }),
      call(tagsRoute.POST, { method: 'POST', auth: auth.manager, params: { id }, body: { name: 'vip-effacé' } }),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/effacé/);
    }
    expect(await footprint(id)).toEqual(before);
  });

  it('reads of the erased customer’s children answer 200 with empty lists (no 404 for one, 200 for another)', async () => {
    const id = await erased();
    for (const route of [notesRoute.GET, tagsRoute.GET, contactsRoute.GET, vehiclesRoute.GET, documentsRoute.GET]) {
      const res = await call(route, { auth: auth.viewer, params: { id } });
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([]);
    }
  });

  it('an unknown customer stays a 404 on reads and writes', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await call(notesRoute.GET, { auth: auth.viewer, params: { id } })).status).toBe(404);
    const res = await call(activitiesRoute.POST, {
      method: 'POST',
      auth: auth.technician,
      params: { id },
      body: { type: 'call', title: 'x' },
    });
    expect(res.status).toBe(404);
  });
});
