import { count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { customerActivity, customerContacts, customers, vehicles } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { actorFor, createContact, createCustomer, createUser, createVehicle } from '../factories';

// The session is mocked (who is signed in); the database is real.
let current: Actor | null = null;
vi.mock('@/lib/auth/session', async () => (await import('@/tests/factories/session-mock')).sessionMock(() => current));
const revalidated: string[] = [];
vi.mock('next/cache', () => ({ revalidatePath: (p: string) => revalidated.push(p) }));

const { createCustomerAction, updateCustomerAction, toggleStatusAction, archiveCustomerAction, deleteCustomerAction } =
  await import('@/lib/customers/actions');
const { createContactAction, updateContactAction, deleteContactAction } = await import('@/lib/contacts/actions');
const { createVehicleAction, updateVehicleAction, deleteVehicleAction } = await import('@/lib/vehicles/actions');

const prev = { ok: false, message: '' };
const form = (values: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.append(k, v);
  return fd;
};
/** redirect() throws NEXT_REDIRECT with the target in its digest. */
async function redirectTarget(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? '';
    if (digest.startsWith('NEXT_REDIRECT')) return digest.split(';')[2];
    throw error;
  }
  throw new Error('expected a redirect');
}
const nCustomers = async () => (await getDb().select({ n: count() }).from(customers))[0].n;

beforeEach(async () => {
  current = actorFor(await createUser('manager'));
  revalidated.length = 0;
});

describe('customer actions', () => {
  it('create: field errors, duplicate warning without writing, then confirmed create redirects', async () => {
    const before = await nCustomers();
    const bad = await createCustomerAction(prev, form({ kind: 'company', email: 'pas-un-email' }));
    expect(bad.ok).toBe(false);
    expect(bad.fieldErrors?.companyName?.[0]).toMatch(/raison sociale/);
    expect(bad.fieldErrors?.email).toBeDefined();
    const existing = await createCustomer({ email: 'doublon@exemple.fr' });
    const dup = await createCustomerAction(
      prev,
      form({ kind: 'individual', lastName: 'Autre', email: 'DOUBLON@exemple.fr' }),
    );
    expect(dup).toMatchObject({ ok: false, message: 'Des clients similaires existent déjà.' });
    expect((dup.data as { possibleDuplicates: { id: string }[] }).possibleDuplicates.map((d) => d.id)).toEqual([
      existing.id,
    ]);
    expect(await nCustomers()).toBe(before + 1);
    const target = await redirectTarget(
      createCustomerAction(
        prev,
        form({ kind: 'individual', lastName: 'Autre', email: 'DOUBLON@exemple.fr', confirmDuplicates: '1' }),
      ),
    );
    expect(target).toMatch(/^\/customers\/[0-9a-f-]{36}$/);
    expect(await nCustomers()).toBe(before + 2);
  });

  it('create refused for a technician, nothing written', async () => {
    current = actorFor(await createUser('technician'));
    const before = await nCustomers();
    const res = await createCustomerAction(prev, form({ kind: 'individual', lastName: 'X', email: 'x@exemple.fr' }));
    expect(res).toMatchObject({ ok: false, message: expect.stringMatching(/droit/) });
    expect(await nCustomers()).toBe(before);
  });

  it('update: an emptied field is cleared, stale version → conflict message, success redirects', async () => {
    const c = await createCustomer({ addressLine2: 'Bâtiment B' });
    const fields = {
      kind: 'individual',
      firstName: 'Camille',
      lastName: c.lastName!,
      email: c.email!,
      phone: '',
      addressLine2: '',
      city: 'Lyon',
    };
    const target = await redirectTarget(
      updateCustomerAction(c.id, prev, form({ ...fields, updatedAt: c.updatedAt.toISOString() })),
    );
    expect(target).toBe(`/customers/${c.id}`);
    const [row] = await getDb().select().from(customers).where(eq(customers.id, c.id));
    expect(row.addressLine2).toBeNull();
    expect(row.phone).toBeNull();
    expect(revalidated).toContain(`/customers/${c.id}`);
    const stale = await updateCustomerAction(
      c.id,
      prev,
      form({ ...fields, city: 'Bron', updatedAt: c.updatedAt.toISOString() }),
    );
    expect(stale.ok).toBe(false);
    expect(stale.message).toMatch(/modifié par quelqu'un d'autre.*Rechargez/);
  });

  it('toggle status, archive, erase (admin only)', async () => {
    const c = await createCustomer();
    expect(await toggleStatusAction(c.id, prev, form({}))).toMatchObject({ ok: true, message: 'Client désactivé.' });
    expect(await archiveCustomerAction(c.id, prev, form({ archived: '1' }))).toMatchObject({
      ok: true,
      message: 'Client archivé.',
    });
    expect((await archiveCustomerAction(c.id, prev, form({ archived: 'x' }))).ok).toBe(false);
    expect(await deleteCustomerAction(c.id, prev, form({}))).toMatchObject({ ok: false });
    current = actorFor(await createUser('admin'));
    expect(await redirectTarget(deleteCustomerAction(c.id, prev, form({})))).toBe('/customers');
    const [row] = await getDb().select().from(customers).where(eq(customers.id, c.id));
    expect(row.erasedAt).not.toBeNull();
  });
});

describe('contact and vehicle actions', () => {
  it('contacts: create, edit (unchecked primary = false), delete; viewer refused', async () => {
    current = actorFor(await createUser('technician'));
    const c = await createCustomer();
    const created = await createContactAction(
      c.id,
      prev,
      form({ name: 'Léa', phone: '06 12 34 56 78', isPrimary: 'on' }),
    );
    expect(created).toMatchObject({ ok: true, data: { name: 'Léa', phone: '+33612345678', isPrimary: true } });
    const id = (created.data as { id: string }).id;
    const bad = await createContactAction(c.id, prev, form({ name: '', phone: '06 12' }));
    expect(bad.fieldErrors?.phone?.[0]).toBe('Numéro de téléphone invalide.');
    const edited = await updateContactAction(c.id, id, prev, form({ name: 'Léa B.', phone: '', role: 'Gérante' }));
    expect(edited).toMatchObject({
      ok: true,
      data: { name: 'Léa B.', phone: null, role: 'Gérante', isPrimary: false },
    });
    const other = await createContact((await createCustomer()).id);
    expect((await deleteContactAction(c.id, other.id, prev, form({}))).message).toMatch(/introuvable/);
    expect(await deleteContactAction(c.id, id, prev, form({}))).toMatchObject({ ok: true });
    expect(await getDb().select().from(customerContacts).where(eq(customerContacts.customerId, c.id))).toHaveLength(0);
    current = actorFor(await createUser('viewer'));
    expect((await createContactAction(c.id, prev, form({ name: 'X' }))).ok).toBe(false);
    expect(await getDb().select().from(customerActivity).where(eq(customerActivity.customerId, c.id))).toHaveLength(3);
  });

  it('vehicles: create from form strings, edit clears emptied fields, delete', async () => {
    const c = await createCustomer();
    const created = await createVehicleAction(
      c.id,
      prev,
      form({ plate: 'mn-852-pq', year: '2018', mileage: '88000', fuel: 'diesel', make: 'Citroën' }),
    );
    expect(created).toMatchObject({
      ok: true,
      data: { plate: 'MN-852-PQ', year: 2018, mileage: 88000, fuel: 'diesel' },
    });
    const id = (created.data as { id: string }).id;
    const edited = await updateVehicleAction(
      c.id,
      id,
      prev,
      form({ plate: 'MN-852-PQ', vin: '', make: '', model: 'C4', year: '2018', mileage: '90000', fuel: '' }),
    );
    expect(edited).toMatchObject({ ok: true, data: { make: null, model: 'C4', mileage: 90000, fuel: null } });
    const bad = await updateVehicleAction(c.id, id, prev, form({ plate: '', vin: '' }));
    expect(bad.fieldErrors?.plate).toBeDefined();
    const foreign = await createVehicle((await createCustomer()).id);
    expect((await updateVehicleAction(c.id, foreign.id, prev, form({ model: 'X' }))).ok).toBe(false);
    expect(await deleteVehicleAction(c.id, id, prev, form({}))).toMatchObject({ ok: true });
    expect(await getDb().select().from(vehicles).where(eq(vehicles.customerId, c.id))).toHaveLength(0);
  });
});
