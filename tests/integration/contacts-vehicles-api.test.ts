import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as contactOne from '@/app/api/customers/[id]/contacts/[contactId]/route';
import * as contactList from '@/app/api/customers/[id]/contacts/route';
import * as vehicleOne from '@/app/api/customers/[id]/vehicles/[vehicleId]/route';
import * as vehicleList from '@/app/api/customers/[id]/vehicles/route';
import { getDb } from '@/db';
import { customerActivity, customerContacts, customers, vehicles } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import { can, type Permission } from '@/lib/auth/permissions';
import { bearersByRole, createContact, createCustomer, createVehicle, deadBearers } from '../factories';
import { call, callRawJson } from '../factories/http';

const ROLES: Role[] = ['admin', 'manager', 'technician', 'viewer'];
let bearer: Record<Role, string>;
let revoked: string;
let expired: string;
const db = () => getDb();

const counts = async () => {
  const [c] = await db().select({ n: count() }).from(customerContacts);
  const [v] = await db().select({ n: count() }).from(vehicles);
  const [a] = await db().select({ n: count() }).from(customerActivity);
  return { contacts: c.n, vehicles: v.n, activity: a.n };
};
const activityOf = (customerId: string) =>
  db().select().from(customerActivity).where(eq(customerActivity.customerId, customerId));

beforeAll(async () => {
  bearer = await bearersByRole();
  ({ revoked, expired } = await deadBearers('manager'));
});

type Case = {
  name: string;
  permission: Permission;
  run: (auth: string | null) => Promise<{ status: number; body: any }>;
};

const cases: Case[] = [
  {
    name: 'GET contacts',
    permission: 'customer.read',
    run: async (auth) => call(contactList.GET, { auth, params: { id: (await createCustomer()).id } }),
  },
  {
    name: 'POST contacts',
    permission: 'customer.field-update',
    run: async (auth) =>
      call(contactList.POST, {
        method: 'POST',
        auth,
        params: { id: (await createCustomer()).id },
        body: { name: 'Paul Durand' },
      }),
  },
  {
    name: 'GET contact',
    permission: 'customer.read',
    run: async (auth) => {
      const c = await createCustomer();
      return call(contactOne.GET, { auth, params: { id: c.id, contactId: (await createContact(c.id)).id } });
    },
  },
  {
    name: 'PATCH contact',
    permission: 'customer.field-update',
    run: async (auth) => {
      const c = await createCustomer();
      return call(contactOne.PATCH, {
        method: 'PATCH',
        auth,
        params: { id: c.id, contactId: (await createContact(c.id)).id },
        body: { role: 'Gérant' },
      });
    },
  },
  {
    name: 'DELETE contact',
    permission: 'customer.field-update',
    run: async (auth) => {
      const c = await createCustomer();
      return call(contactOne.DELETE, {
        method: 'DELETE',
        auth,
        params: { id: c.id, contactId: (await createContact(c.id)).id },
      });
    },
  },
  {
    name: 'GET vehicles',
    permission: 'customer.read',
    run: async (auth) => call(vehicleList.GET, { auth, params: { id: (await createCustomer()).id } }),
  },
  {
    name: 'POST vehicles',
    permission: 'customer.field-update',
    run: async (auth) =>
      call(vehicleList.POST, {
        method: 'POST',
        auth,
        params: { id: (await createCustomer()).id },
        body: { plate: 'GH-456-JK' },
      }),
  },
  {
    name: 'GET vehicle',
    permission: 'customer.read',
    run: async (auth) => {
      const c = await createCustomer();
      return call(vehicleOne.GET, { auth, params: { id: c.id, vehicleId: (await createVehicle(c.id)).id } });
    },
  },
  {
    name: 'PATCH vehicle',
    permission: 'customer.field-update',
    run: async (auth) => {
      const c = await createCustomer();
      return call(vehicleOne.PATCH, {
        method: 'PATCH',
        auth,
        params: { id: c.id, vehicleId: (await createVehicle(c.id)).id },
        body: { mileage: 50000 },
      });
    },
  },
  {
    name: 'DELETE vehicle',
    permission: 'customer.field-update',
    run: async (auth) => {
      const c = await createCustomer();
      return call(vehicleOne.DELETE, {
        method: 'DELETE',
        auth,
        params: { id: c.id, vehicleId: (await createVehicle(c.id)).id },
      });
    },
  },
];

describe('every child route × every role', () => {
  for (const c of cases) {
    for (const role of ROLES) {
      const allowed = can(role, c.permission);
      it(`${c.name} as ${role} → ${allowed ? '2xx' : '403'}`, async () => {
        const before = await counts();
        const res = await c.run(bearer[role]);
        if (allowed) {
          expect(res.status).toBeGreaterThanOrEqual(200);
          expect(res.status).toBeLessThan(300);
        } else {
          expect(res.status).toBe(403);
          expect(res.body.error.code).toBe('forbidden');
          expect((await counts()).activity).toBe(before.activity);
        }
      });
    }
    it(`${c.name} anonymous / revoked / expired → 401`, async () => {
      for (const auth of [null, revoked, expired]) {
        const before = await counts();
        const res = await c.run(auth);
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('unauthorized');
        expect((await counts()).activity).toBe(before.activity);
      }
    });
  }
});

describe('contacts', () => {
  it('create / read / update / delete, one activity each with relatedType contact', async () => {
    const c = await createCustomer();
    const created = await call(contactList.POST, {
      method: 'POST',
      auth: bearer.technician,
      params: { id: c.id },
      body: {
        name: 'Sophie Lambert',
        role: 'Comptable',
        email: 'S.Lambert@Exemple.FR',
        phone: '06 12 34 56 78',
        isPrimary: true,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      customerId: c.id,
      name: 'Sophie Lambert',
      role: 'Comptable',
      email: 'S.Lambert@exemple.fr',
      phone: '+33612345678',
      isPrimary: true,
    });
    const id = created.body.id;
    const got = await call(contactOne.GET, { auth: bearer.viewer, params: { id: c.id, contactId: id } });
    expect(got.body).toEqual(created.body);
    const patched = await call(contactOne.PATCH, {
      method: 'PATCH',
      auth: bearer.technician,
      params: { id: c.id, contactId: id },
      body: { role: null, phone: '01 42 68 53 00' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ role: null, phone: '+33142685300', name: 'Sophie Lambert' });
    const del = await call(contactOne.DELETE, {
      method: 'DELETE',
      auth: bearer.technician,
      params: { id: c.id, contactId: id },
    });
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect((await call(contactOne.GET, { auth: bearer.viewer, params: { id: c.id, contactId: id } })).status).toBe(404);
    const acts = await activityOf(c.id);
    expect(acts).toHaveLength(3);
    expect(acts.every((a) => a.type === 'profile' && a.relatedType === 'contact' && a.relatedId === id)).toBe(true);
    expect(acts.find((a) => a.title.startsWith('Contact modifié'))?.metadata).toEqual({
      changes: { role: { from: 'Comptable', to: null }, phone: { from: '+33612345678', to: '+33142685300' } },
    });
  });

  it('only one primary contact per customer', async () => {
    const c = await createCustomer();
    const a = await call(contactList.POST, {
      method: 'POST',
      auth: bearer.manager,
      params: { id: c.id },
      body: { name: 'A', isPrimary: true },
    });
    const b = await call(contactList.POST, {
      method: 'POST',
      auth: bearer.manager,
      params: { id: c.id },
      body: { name: 'B', isPrimary: true },
    });
    let list = (await call(contactList.GET, { auth: bearer.viewer, params: { id: c.id } })).body.data;
    expect(list.filter((x: { isPrimary: boolean }) => x.isPrimary).map((x: { id: string }) => x.id)).toEqual([
      b.body.id,
    ]);
    await call(contactOne.PATCH, {
      method: 'PATCH',
      auth: bearer.manager,
      params: { id: c.id, contactId: a.body.id },
      body: { isPrimary: true },
    });
    list = (await call(contactList.GET, { auth: bearer.viewer, params: { id: c.id } })).body.data;
    expect(list[0]).toMatchObject({ id: a.body.id, isPrimary: true });
    expect(list.filter((x: { isPrimary: boolean }) => x.isPrimary)).toHaveLength(1);
  });

  it('foreign child id → 404 on GET/PATCH/DELETE, unknown customer → 404, bad uuid → 404; nothing written', async () => {
    const mine = await createCustomer();
    const other = await createCustomer();
    const foreign = await createContact(other.id, { name: 'Pas à toi' });
    const before = await counts();
    const params = { id: mine.id, contactId: foreign.id };
    expect((await call(contactOne.GET, { auth: bearer.admin, params })).status).toBe(404);
    const p = await call(contactOne.PATCH, { method: 'PATCH', auth: bearer.admin, params, body: { name: 'Volé' } });
    expect(p.status).toBe(404);
    expect(p.body.error.code).toBe('not_found');
    expect((await call(contactOne.DELETE, { method: 'DELETE', auth: bearer.admin, params })).status).toBe(404);
    expect(
      (await call(contactList.GET, { auth: bearer.admin, params: { id: '00000000-0000-4000-8000-000000000000' } }))
        .status,
    ).toBe(404);
    expect(
      (
        await call(contactList.POST, {
          method: 'POST',
          auth: bearer.admin,
          params: { id: '00000000-0000-4000-8000-000000000000' },
          body: { name: 'X' },
        })
      ).status,
    ).toBe(404);
    expect((await call(contactOne.GET, { auth: bearer.admin, params: { id: mine.id, contactId: 'abc' } })).status).toBe(
      404,
    );
    expect(
      (await call(contactOne.GET, { auth: bearer.admin, params: { id: 'abc', contactId: foreign.id } })).status,
    ).toBe(404);
    expect(await counts()).toEqual(before);
    const [row] = await db().select().from(customerContacts).where(eq(customerContacts.id, foreign.id));
    expect(row.name).toBe('Pas à toi');
  });

  it('malformed JSON → 400, invalid fields → 422 with French messages, nothing written', async () => {
    const c = await createCustomer();
    const contact = await createContact(c.id);
    const before = await counts();
    expect((await callRawJson(contactList.POST, '{"name"', { auth: bearer.admin, params: { id: c.id } })).status).toBe(
      400,
    );
    expect(
      (
        await callRawJson(contactOne.PATCH, 'nope', {
          method: 'PATCH',
          auth: bearer.admin,
          params: { id: c.id, contactId: contact.id },
        })
      ).status,
    ).toBe(400);
    const bad = await call(contactList.POST, {
      method: 'POST',
      auth: bearer.admin,
      params: { id: c.id },
      body: { email: 'x@', phone: '06 12 34', isPrimary: 'maybe' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.name[0]).toMatch(/obligatoire/);
    expect(bad.body.error.fields.email[0]).toBe('Adresse e-mail invalide.');
    expect(bad.body.error.fields.phone[0]).toBe('Numéro de téléphone invalide.');
    expect(bad.body.error.fields).toHaveProperty('isPrimary');
    const extra = await call(contactOne.PATCH, {
      method: 'PATCH',
      auth: bearer.admin,
      params: { id: c.id, contactId: contact.id },
      body: { customerId: c.id },
    });
    expect(extra.status).toBe(422);
    const empty = await call(contactOne.PATCH, {
      method: 'PATCH',
      auth: bearer.admin,
      params: { id: c.id, contactId: contact.id },
      body: { name: '   ' },
    });
    expect(empty.status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it('stale updatedAt on a contact → 409 when given', async () => {
    const c = await createCustomer();
    const contact = await createContact(c.id);
    const res = await call(contactOne.PATCH, {
      method: 'PATCH',
      auth: bearer.admin,
      params: { id: c.id, contactId: contact.id },
      body: { name: 'Nouveau', updatedAt: new Date(contact.updatedAt.getTime() - 5).toISOString() },
    });
    expect(res.status).toBe(409);
  });
});

describe('vehicles', () => {
  it('create / update / delete keep the customer search text in step, one activity each, customer version unchanged', async () => {
    const c = await createCustomer();
    const created = await call(vehicleList.POST, {
      method: 'POST',
      auth: bearer.technician,
      params: { id: c.id },
      body: {
        plate: 'fg 321 hj',
        vin: 'vf1rfb00x56789012',
        make: 'Peugeot',
        model: '308',
        year: 2021,
        mileage: 32000,
        fuel: 'hybrid',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      customerId: c.id,
      plate: 'FG-321-HJ',
      vin: 'VF1RFB00X56789012',
      make: 'Peugeot',
      model: '308',
      year: 2021,
      mileage: 32000,
      fuel: 'hybrid',
    });
    const id = created.body.id;
    const text = async () => (await db().select().from(customers).where(eq(customers.id, c.id)))[0];
    expect((await text()).searchText).toContain('fg321hj');
    expect((await text()).updatedAt.getTime()).toBe(c.updatedAt.getTime());
    const patched = await call(vehicleOne.PATCH, {
      method: 'PATCH',
      auth: bearer.technician,
      params: { id: c.id, vehicleId: id },
      body: { plate: 'KL-654-MN', mileage: 40000 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ plate: 'KL-654-MN', mileage: 40000, make: 'Peugeot' });
    expect((await text()).searchText).toContain('kl654mn');
    expect((await text()).searchText).not.toContain('fg321hj');
    // removing the plate is fine while a VIN remains; removing both is refused
    expect(
      (
        await call(vehicleOne.PATCH, {
          method: 'PATCH',
          auth: bearer.technician,
          params: { id: c.id, vehicleId: id },
          body: { plate: null },
        })
      ).status,
    ).toBe(200);
    const before = await counts();
    const none = await call(vehicleOne.PATCH, {
      method: 'PATCH',
      auth: bearer.technician,
      params: { id: c.id, vehicleId: id },
      body: { vin: '' },
    });
    expect(none.status).toBe(422);
    expect(none.body.error.fields.plate[0]).toMatch(/immatriculation ou le VIN/);
    expect(await counts()).toEqual(before);
    expect(
      (
        await call(vehicleOne.DELETE, {
          method: 'DELETE',
          auth: bearer.technician,
          params: { id: c.id, vehicleId: id },
        })
      ).status,
    ).toBe(204);
    expect((await text()).searchText).not.toContain('kl654mn');
    const acts = await activityOf(c.id);
    expect(acts).toHaveLength(4);
    expect(acts.every((a) => a.type === 'profile' && a.relatedType === 'vehicle' && a.relatedId === id)).toBe(true);
  });

  it('invalid fields → 422 per field, nothing written', async () => {
    const c = await createCustomer();
    const before = await counts();
    const res = await call(vehicleList.POST, {
      method: 'POST',
      auth: bearer.admin,
      params: { id: c.id },
      body: { plate: 'AI-123-OO', vin: 'VF1RFB00I56789012', year: 1800, mileage: -5, fuel: 'coal' },
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['fuel', 'mileage', 'plate', 'vin', 'year']);
    expect(res.body.error.fields.vin[0]).toMatch(/I, O ou Q/);
    const neither = await call(vehicleList.POST, {
      method: 'POST',
      auth: bearer.admin,
      params: { id: c.id },
      body: { make: 'Renault' },
    });
    expect(neither.status).toBe(422);
    expect(neither.body.error.fields.plate).toBeDefined();
    expect((await callRawJson(vehicleList.POST, '[', { auth: bearer.admin, params: { id: c.id } })).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('foreign child id → 404; nothing written', async () => {
    const mine = await createCustomer();
    const other = await createCustomer();
    const foreign = await createVehicle(other.id, { mileage: 1234 });
    const before = await counts();
    const params = { id: mine.id, vehicleId: foreign.id };
    expect((await call(vehicleOne.GET, { auth: bearer.admin, params })).status).toBe(404);
    expect(
      (await call(vehicleOne.PATCH, { method: 'PATCH', auth: bearer.admin, params, body: { mileage: 1 } })).status,
    ).toBe(404);
    expect((await call(vehicleOne.DELETE, { method: 'DELETE', auth: bearer.admin, params })).status).toBe(404);
    expect(
      (await call(vehicleOne.GET, { auth: bearer.admin, params: { id: mine.id, vehicleId: '12345' } })).status,
    ).toBe(404);
    expect(await counts()).toEqual(before);
    const [row] = await db().select().from(vehicles).where(eq(vehicles.id, foreign.id));
    expect(row.mileage).toBe(1234);
  });
});
