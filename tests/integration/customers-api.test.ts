import { and, count, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as archiveRoute from '@/app/api/customers/[id]/archive/route';
import * as oneRoute from '@/app/api/customers/[id]/route';
import * as toggleRoute from '@/app/api/customers/[id]/toggle-status/route';
import * as healthRoute from '@/app/api/health/route';
import * as openapiRoute from '@/app/api/openapi.json/route';
import * as listRoute from '@/app/api/customers/route';
import * as validateRoute from '@/app/api/validate/route';
import { getDb } from '@/db';
import { customerActivity, customers, customerTags, tags } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import { can, type Permission } from '@/lib/auth/permissions';
import { bearersByRole, createCustomer, deadBearers } from '../factories';
import { call, callRawJson } from '../factories/http';

const ROLES: Role[] = ['admin', 'manager', 'technician', 'viewer'];
let bearer: Record<Role, string>;
let revoked: string;
let expired: string;

const db = () => getDb();
const countRows = async () => {
  const [c] = await db().select({ n: count() }).from(customers);
  const [a] = await db().select({ n: count() }).from(customerActivity);
  return { customers: c.n, activity: a.n };
};
const activityOf = (customerId: string) =>
  db().select().from(customerActivity).where(eq(customerActivity.customerId, customerId));

const validBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'individual',
  firstName: 'Jeanne',
  lastName: `Test${Math.random().toString(36).slice(2, 8)}`,
  email: `jeanne.${Math.random().toString(36).slice(2, 8)}@exemple.fr`,
  postalCode: '69002',
  city: 'Lyon',
  ...overrides,
});

beforeAll(async () => {
  bearer = await bearersByRole();
  ({ revoked, expired } = await deadBearers('admin'));
});

type Case = {
  name: string;
  permission: Permission | null;
  run: (auth: string | null) => Promise<{ status: number; body: any }>;
};

const cases: Case[] = [
  { name: 'GET /api/customers', permission: 'customer.read', run: (auth) => call(listRoute.GET, { auth }) },
  {
    name: 'POST /api/customers',
    permission: 'customer.create',
    run: (auth) => call(listRoute.POST, { method: 'POST', auth, body: validBody() }),
  },
  {
    name: 'GET /api/customers/{id}',
    permission: 'customer.read',
    run: async (auth) => call(oneRoute.GET, { auth, params: { id: (await createCustomer()).id } }),
  },
  {
    name: 'PATCH /api/customers/{id}',
    permission: 'customer.update',
    run: async (auth) => {
      const c = await createCustomer();
      return call(oneRoute.PATCH, {
        method: 'PATCH',
        auth,
        params: { id: c.id },
        body: { city: 'Grenoble', updatedAt: c.updatedAt.toISOString() },
      });
    },
  },
  {
    name: 'DELETE /api/customers/{id}',
    permission: 'customer.delete',
    run: async (auth) => call(oneRoute.DELETE, { method: 'DELETE', auth, params: { id: (await createCustomer()).id } }),
  },
  {
    name: 'POST /api/customers/{id}/toggle-status',
    permission: 'customer.status',
    run: async (auth) => call(toggleRoute.POST, { method: 'POST', auth, params: { id: (await createCustomer()).id } }),
  },
  {
    name: 'POST /api/customers/{id}/archive',
    permission: 'customer.update',
    run: async (auth) =>
      call(archiveRoute.POST, {
        method: 'POST',
        auth,
        params: { id: (await createCustomer()).id },
        body: { archived: true },
      }),
  },
  {
    name: 'POST /api/validate',
    permission: null,
    run: (auth) => call(validateRoute.POST, { method: 'POST', auth, body: { kind: 'siret', value: '44306184100047' } }),
  },
];

describe('every route × every role', () => {
  for (const c of cases) {
    for (const role of ROLES) {
      const allowed = c.permission === null || can(role, c.permission);
      it(`${c.name} as ${role} → ${allowed ? '2xx' : '403'}`, async () => {
        const before = await countRows();
        const res = await c.run(bearer[role]);
        if (allowed) {
          expect(res.status).toBeGreaterThanOrEqual(200);
          expect(res.status).toBeLessThan(300);
        } else {
          expect(res.status).toBe(403);
          expect(res.body.error.code).toBe('forbidden');
          // the target created by the case itself is the only new row; no activity was written
          const after = await countRows();
          expect(after.activity).toBe(before.activity);
          expect(after.customers - before.customers).toBeLessThanOrEqual(1);
        }
      });
    }
    it(`${c.name} anonymous / revoked / expired → 401`, async () => {
      for (const auth of [null, revoked, expired, 'Bearer c360_not-a-real-token', 'Basic abc']) {
        const before = await countRows();
        const res = (await c.run(auth)) as { status: number; body: { error: { code: string } } };
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('unauthorized');
        const after = await countRows();
        expect(after.activity).toBe(before.activity);
      }
    });
  }
});

describe('public endpoints', () => {
  it('GET /api/health answers without auth', async () => {
    const res = await call(healthRoute.GET as never);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      db: 'ok',
      driver: process.env.TEST_DRIVER === 'postgres' ? 'postgres' : 'pglite',
    });
  });

  it('GET /api/openapi.json is an OpenAPI 3.1 document with the customer routes and zod-derived schemas', async () => {
    const res = await call(openapiRoute.GET as never);
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const paths = res.body.paths;
    for (const p of [
      '/api/customers',
      '/api/customers/{id}',
      '/api/customers/{id}/contacts/{contactId}',
      '/api/customers/{id}/vehicles',
      '/api/validate',
      '/api/health',
    ]) {
      expect(paths).toHaveProperty([p]);
    }
    const create = paths['/api/customers'].post.requestBody.content['application/json'].schema;
    expect(create.properties.kind.enum).toEqual(['individual', 'company']);
    expect(paths['/api/customers/{id}'].patch['x-permission']).toBe('customer.update');
    const limit = paths['/api/customers'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit.schema.maximum).toBe(100);
  });
});

describe('POST /api/customers', () => {
  it('creates with normalised values, number, search text and one activity row', async () => {
    const res = await call(listRoute.POST, {
      method: 'POST',
      auth: bearer.manager,
      body: validBody({
        firstName: 'Éloïse',
        lastName: 'Gérard',
        phone: '06 98 76 54 32',
        email: 'Eloise.Gerard@Exemple.FR',
      }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'individual',
      firstName: 'Éloïse',
      phone: '+33698765432',
      email: 'Eloise.Gerard@exemple.fr',
      status: 'active',
      country: 'FR',
      archivedAt: null,
      tags: [],
    });
    expect(res.body.number).toMatch(/^C-\d{6}$/);
    expect(res.body.possibleDuplicates).toEqual([]);
    expect(typeof res.body.createdAt).toBe('string');
    const [row] = await db().select().from(customers).where(eq(customers.id, res.body.id));
    expect(row.sortName).toBe('gerard eloise');
    expect(row.searchText).toContain('0698765432');
    const acts = await activityOf(res.body.id);
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({
      type: 'profile',
      actorKind: 'token',
      actorName: expect.stringContaining('test-manager'),
    });
  });

  it('returns possible duplicates: same SIRET, email (any case), phone, similar name in the same postal code', async () => {
    const existing = await createCustomer({
      kind: 'company',
      companyName: 'Garage Dupuis Frères',
      sortName: 'garage dupuis freres',
      siret: '44306184100047',
      email: 'contact@dupuis.fr',
      phone: '+33142685300',
      postalCode: '75011',
    });
    const check = async (body: Record<string, unknown>, reason: string) => {
      const res = await call(listRoute.POST, {
        method: 'POST',
        auth: bearer.admin,
        body: { kind: 'company', ...body },
      });
      expect(res.status).toBe(201);
      expect(res.body.possibleDuplicates).toContainEqual({
        id: existing.id,
        number: existing.number,
        displayName: 'Garage Dupuis Frères',
        reason,
      });
      expect(res.body.possibleDuplicates.length).toBeLessThanOrEqual(5);
    };
    await check({ companyName: 'Autre', siret: '443 061 841 00047', email: 'x1@autre.fr' }, 'siret');
    await check({ companyName: 'Autre', email: 'CONTACT@dupuis.fr' }, 'email');
    await check({ companyName: 'Autre', phone: '01 42 68 53 00' }, 'phone');
    await check({ companyName: 'Garage Dupuis Freres', email: 'x2@autre.fr', postalCode: '75011' }, 'name');
    // same name elsewhere is not a duplicate
    const far = await call(listRoute.POST, {
      method: 'POST',
      auth: bearer.admin,
      body: { kind: 'company', companyName: 'Garage Dupuis Freres', email: 'x3@autre.fr', postalCode: '13001' },
    });
    expect(far.body.possibleDuplicates.map((d: { id: string }) => d.id)).not.toContain(existing.id);
  });

  it('malformed JSON → 400, non-object → 400, nothing written', async () => {
    const before = await countRows();
    for (const rawBody of ['{"kind":', 'not json', '[1,2]', '"x"', '']) {
      const res = await callRawJson(listRoute.POST, rawBody, { auth: bearer.admin });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
    expect(await countRows()).toEqual(before);
  });

  it('invalid fields → 422 with French messages per field, nothing written', async () => {
    const before = await countRows();
    const res = await call(listRoute.POST, {
      method: 'POST',
      auth: bearer.admin,
      body: {
        kind: 'company',
        siret: '73282932000075',
        email: 'nope',
        phone: '06 12 34',
        vatNumber: 'FR00443061841',
        postalCode: 'ABCDE',
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Object.keys(res.body.error.fields).sort()).toEqual(
      expect.arrayContaining(['siret', 'email', 'phone', 'vatNumber', 'postalCode']),
    );
    expect(res.body.error.fields.siret[0]).toMatch(/SIRET/);
    const rule = await call(listRoute.POST, {
      method: 'POST',
      auth: bearer.admin,
      body: { kind: 'company', email: 'a@b.fr' },
    });
    expect(rule.status).toBe(422);
    expect(rule.body.error.fields.companyName[0]).toMatch(/raison sociale/);
    const hostile = await call(listRoute.POST, {
      method: 'POST',
      auth: bearer.admin,
      body: { kind: 'individual', lastName: 'x'.repeat(5000), email: 'a@b.fr' },
    });
    expect(hostile.status).toBe(422);
    expect(await countRows()).toEqual(before);
  });

  it('oversized body → 413', async () => {
    const res = await call(listRoute.POST, {
      method: 'POST',
      auth: bearer.admin,
      body: { kind: 'individual', lastName: 'x'.repeat(400_000) },
    });
    expect(res.status).toBe(413);
  });
});

describe('GET/PATCH /api/customers/{id}', () => {
  it('reads with contacts, vehicles, tags; 404 for unknown and non-uuid ids', async () => {
    const c = await createCustomer();
    const res = await call(oneRoute.GET, { auth: bearer.viewer, params: { id: c.id } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: c.id, contacts: [], vehicles: [], tags: [], erasedAt: null });
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', "1' or '1'='1"]) {
      const r = await call(oneRoute.GET, { auth: bearer.viewer, params: { id } });
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('not_found');
    }
  });

  it('partial update writes one profile activity with the diff; stale updatedAt → 409; nothing written on errors', async () => {
    const c = await createCustomer({ city: 'Lyon' });
    const ok = await call(oneRoute.PATCH, {
      method: 'PATCH',
      auth: bearer.manager,
      params: { id: c.id },
      body: { city: 'Villeurbanne', mobile: '06 45 67 89 12', updatedAt: c.updatedAt.toISOString() },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ city: 'Villeurbanne', mobile: '+33645678912', lastName: c.lastName, contacts: [] });
    expect(new Date(ok.body.updatedAt).getTime()).toBeGreaterThan(c.updatedAt.getTime());
    const acts = await activityOf(c.id);
    expect(acts).toHaveLength(1);
    expect(acts[0].metadata).toEqual({
      changes: { city: { from: 'Lyon', to: 'Villeurbanne' }, mobile: { from: null, to: '+33645678912' } },
    });
    const [row] = await db().select().from(customers).where(eq(customers.id, c.id));
    expect(row.searchText).toContain('villeurbanne');
    expect(row.searchText).toContain('0645678912');

    const before = await countRows();
    const stale = await call(oneRoute.PATCH, {
      method: 'PATCH',
      auth: bearer.manager,
      params: { id: c.id },
      body: { city: 'Bron', updatedAt: c.updatedAt.toISOString() },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect(stale.body.error.message).toMatch(/modifié/);
    // one millisecond off is stale too
    const offByOne = new Date(new Date(ok.body.updatedAt).getTime() - 1).toISOString();
    expect(
      (
        await call(oneRoute.PATCH, {
          method: 'PATCH',
          auth: bearer.manager,
          params: { id: c.id },
          body: { city: 'Bron', updatedAt: offByOne },
        })
      ).status,
    ).toBe(409);
    const [after] = await db().select().from(customers).where(eq(customers.id, c.id));
    expect(after.city).toBe('Villeurbanne');
    expect(await countRows()).toEqual(before);
  });

  it('merged record is re-checked: removing the last contact channel → 422; missing updatedAt → 422; malformed → 400', async () => {
    const c = await createCustomer({ phone: null, mobile: null, email: 'seul@exemple.fr' });
    const before = await countRows();
    const res = await call(oneRoute.PATCH, {
      method: 'PATCH',
      auth: bearer.admin,
      params: { id: c.id },
      body: { email: null, updatedAt: c.updatedAt.toISOString() },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.email[0]).toMatch(/moyen de contact/);
    const noVersion = await call(oneRoute.PATCH, {
      method: 'PATCH',
      auth: bearer.admin,
      params: { id: c.id },
      body: { city: 'X' },
    });
    expect(noVersion.status).toBe(422);
    expect(noVersion.body.error.fields).toHaveProperty('updatedAt');
    const unknown = await call(oneRoute.PATCH, {
      method: 'PATCH',
      auth: bearer.admin,
      params: { id: c.id },
      body: { number: 'C-1', updatedAt: c.updatedAt.toISOString() },
    });
    expect(unknown.status).toBe(422);
    const bad = await callRawJson(oneRoute.PATCH, '{"city":', {
      method: 'PATCH',
      auth: bearer.admin,
      params: { id: c.id },
    });
    expect(bad.status).toBe(400);
    const missing = await call(oneRoute.PATCH, {
      method: 'PATCH',
      auth: bearer.admin,
      params: { id: '00000000-0000-4000-8000-000000000000' },
      body: { city: 'X', updatedAt: c.updatedAt.toISOString() },
    });
    expect(missing.status).toBe(404);
    expect(await countRows()).toEqual(before);
    const [row] = await db().select().from(customers).where(eq(customers.id, c.id));
    expect(row.email).toBe('seul@exemple.fr');
  });
});

describe('toggle-status and archive', () => {
  it('toggles active ⇄ inactive with one status activity each', async () => {
    const c = await createCustomer();
    const a = await call(toggleRoute.POST, { method: 'POST', auth: bearer.manager, params: { id: c.id } });
    expect(a.status).toBe(200);
    expect(a.body.status).toBe('inactive');
    const b = await call(toggleRoute.POST, { method: 'POST', auth: bearer.manager, params: { id: c.id } });
    expect(b.body.status).toBe('active');
    const acts = await activityOf(c.id);
    expect(acts.map((x) => x.type)).toEqual(['status', 'status']);
    expect((await call(toggleRoute.POST, { method: 'POST', auth: bearer.manager, params: { id: 'x' } })).status).toBe(
      404,
    );
  });

  it('archives and unarchives; invalid body → 422', async () => {
    const c = await createCustomer();
    const a = await call(archiveRoute.POST, {
      method: 'POST',
      auth: bearer.manager,
      params: { id: c.id },
      body: { archived: true },
    });
    expect(a.status).toBe(200);
    expect(a.body.archivedAt).toEqual(expect.any(String));
    const b = await call(archiveRoute.POST, {
      method: 'POST',
      auth: bearer.manager,
      params: { id: c.id },
      body: { archived: false },
    });
    expect(b.body.archivedAt).toBeNull();
    expect(await activityOf(c.id)).toHaveLength(2);
    const before = await countRows();
    expect(
      (
        await call(archiveRoute.POST, {
          method: 'POST',
          auth: bearer.manager,
          params: { id: c.id },
          body: { archived: 'yes' },
        })
      ).status,
    ).toBe(422);
    expect((await callRawJson(archiveRoute.POST, 'x', { auth: bearer.manager, params: { id: c.id } })).status).toBe(
      400,
    );
    expect(await countRows()).toEqual(before);
  });
});

describe('GET /api/customers: keyset pages, filters, search', () => {
  it('pages of 20 over 45 customers never overlap or skip, on both sorts (including identical created_at)', async () => {
    const city = 'Keysetville';
    const sameInstant = new Date('2024-05-01T10:00:00.123456Z');
    const rows: { id: string; sortName: string }[] = [];
    // 15 share one timestamp (a bulk import), 30 are spread out; several share a sort name.
    for (let i = 0; i < 45; i++) {
      const c = await createCustomer({
        city,
        lastName: `Page${i % 7}`,
        sortName: `page${i % 7} camille`,
        createdAt: i < 15 ? sameInstant : new Date(Date.UTC(2024, 0, 1, 0, 0, i)),
      });
      rows.push({ id: c.id, sortName: c.sortName });
    }
    for (const sort of ['recent', 'name'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await call(listRoute.GET, {
          auth: bearer.viewer,
          query: { city, sort, limit: '20', ...(cursor ? { cursor } : {}) },
        });
        expect(res.status).toBe(200);
        seen.push(...res.body.data.map((d: { id: string }) => d.id));
        cursor = res.body.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(45);
      expect(seen).toHaveLength(45);
      const expected =
        sort === 'name'
          ? [...rows]
              .sort((a, b) => (a.sortName === b.sortName ? (a.id < b.id ? -1 : 1) : a.sortName < b.sortName ? -1 : 1))
              .map((r) => r.id)
          : null;
      if (expected) expect(seen).toEqual(expected);
    }
  });

  it('limit 101 → 422, limit 0 → 422, bad cursor → 400, cursor of the other sort → 400', async () => {
    expect((await call(listRoute.GET, { auth: bearer.viewer, query: { limit: '101' } })).status).toBe(422);
    expect((await call(listRoute.GET, { auth: bearer.viewer, query: { limit: '0' } })).status).toBe(422);
    for (const cursor of [
      'garbage',
      Buffer.from('{"s":"recent","t":"x","id":"y"}').toString('base64url'),
      Buffer.from('[]').toString('base64url'),
    ]) {
      const res = await call(listRoute.GET, { auth: bearer.viewer, query: { cursor } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
    await createCustomer();
    await createCustomer();
    const first = await call(listRoute.GET, { auth: bearer.viewer, query: { limit: '1', sort: 'recent' } });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(
      (await call(listRoute.GET, { auth: bearer.viewer, query: { sort: 'name', cursor: first.body.nextCursor } }))
        .status,
    ).toBe(400);
    expect((await call(listRoute.GET, { auth: bearer.viewer, query: { status: 'deleted' } })).status).toBe(422);
    // segment / compliance come from the analytics and consents modules
    const seg = await call(listRoute.GET, { auth: bearer.viewer, query: { segment: 'nope' } });
    expect(seg.status).toBe(422);
    expect(seg.body.error.fields).toHaveProperty('segment');
    expect((await call(listRoute.GET, { auth: bearer.viewer, query: { segment: 'champions' } })).status).toBe(200);
    expect((await call(listRoute.GET, { auth: bearer.viewer, query: { compliance: 'issues' } })).status).toBe(200);
  });

  it('filters by status, kind, tag (any case), city (any case), archived; list items carry displayName and vehicleCount', async () => {
    const marker = 'Filtreville';
    const a = await createCustomer({ city: marker, status: 'active' });
    const b = await createCustomer({
      city: 'FILTREVILLE',
      status: 'inactive',
      kind: 'company',
      companyName: 'Société B',
    });
    const c = await createCustomer({ city: marker, archivedAt: new Date() });
    const [tag] = await db().insert(tags).values({ name: 'VIP-Filtre' }).returning();
    await db().insert(customerTags).values({ customerId: b.id, tagId: tag.id });
    const ids = async (query: Record<string, string>) =>
      (await call(listRoute.GET, { auth: bearer.technician, query: { city: 'filtreville', ...query } })).body.data
        .map((d: { id: string }) => d.id)
        .sort();
    expect(await ids({})).toEqual([a.id, b.id].sort());
    expect(await ids({ status: 'inactive' })).toEqual([b.id]);
    expect(await ids({ kind: 'company' })).toEqual([b.id]);
    expect(await ids({ tag: 'vip-filtre' })).toEqual([b.id]);
    expect(await ids({ archived: 'only' })).toEqual([c.id]);
    expect(await ids({ archived: 'include' })).toEqual([a.id, b.id, c.id].sort());
    const res = await call(listRoute.GET, { auth: bearer.viewer, query: { tag: 'VIP-FILTRE' } });
    expect(res.body.data[0]).toMatchObject({
      id: b.id,
      displayName: 'Société B',
      vehicleCount: 0,
      tags: [{ id: tag.id, name: 'VIP-Filtre' }],
    });
  });

  it('full-text search by name, accents, email, phone fragment, city and plate; erased customers never listed', async () => {
    const created = await call(listRoute.POST, {
      method: 'POST',
      auth: bearer.admin,
      body: validBody({
        firstName: 'Anaïs',
        lastName: 'Bérénice-Quintal',
        email: 'anais.quintal@fournisseur.fr',
        mobile: '07 45 67 89 12',
        city: 'Saint-Étienne',
        postalCode: '42000',
      }),
    });
    const id = created.body.id;
    // a plate only reaches search_text through the vehicles module's refreshCustomerSearch
    const { vehicles: vehicleCollection } = await import('@/lib/vehicles/collection');
    const { actorFor, createUser } = await import('../factories');
    await vehicleCollection.create(getDb(), actorFor(await createUser('technician')), id, {
      plate: 'QZ-481-KW',
      vin: null,
      make: null,
      model: null,
      year: null,
      mileage: null,
      fuel: null,
    });
    const other = await createCustomer({ searchText: 'quelquun dautre lyon' });
    const search = async (q: string) =>
      (await call(listRoute.GET, { auth: bearer.viewer, query: { q } })).body.data.map((d: { id: string }) => d.id);
    for (const q of [
      'Anaïs',
      'anais',
      'BERENICE',
      'quint',
      'anaïs bérénice',
      'anais.quintal@',
      'fournisseur',
      '07 45 67',
      '0745',
      '+33 7 45 67',
      '0033745',
      'saint-etienne',
      'Saint Étienne',
      'QZ-481',
      'qz481kw',
      '42000',
    ]) {
      expect(await search(q), q).toContain(id);
    }
    for (const q of ['anais zzz', '0612999', 'Marseille']) expect(await search(q), q).not.toContain(id);
    // hostile input is just text
    for (const q of ["') | ('", '!', '&&&', "anais' | 'x", '\\:*']) {
      const res = await call(listRoute.GET, { auth: bearer.viewer, query: { q } });
      expect(res.status, q).toBe(200);
    }
    expect(await search('quelquun')).toEqual([other.id]);
    await call(oneRoute.DELETE, { method: 'DELETE', auth: bearer.admin, params: { id } });
    expect(await search('anais')).not.toContain(id);
    const all = await call(listRoute.GET, { auth: bearer.viewer, query: { archived: 'include', limit: '100' } });
    expect(all.body.data.map((d: { id: string }) => d.id)).not.toContain(id);
  });
});

describe('POST /api/validate', () => {
  it('validates and normalises each kind', async () => {
    const v = (kind: string, value: string) =>
      call(validateRoute.POST, { method: 'POST', auth: bearer.viewer, body: { kind, value } });
    expect((await v('phone', '06 12 34 56 78')).body).toEqual({ valid: true, normalized: '+33612345678' });
    expect((await v('plate', 'ab123cd')).body).toEqual({ valid: true, normalized: 'AB-123-CD' });
    const bad = await v('siret', '73282932000075');
    expect(bad.status).toBe(200);
    expect(bad.body).toEqual({ valid: false, message: expect.stringMatching(/SIRET/) });
    expect((await v('unknown', 'x')).status).toBe(422);
    expect(
      (await call(validateRoute.POST, { method: 'POST', auth: bearer.viewer, body: { kind: 'vin' } })).status,
    ).toBe(422);
    expect((await callRawJson(validateRoute.POST, '{', { auth: bearer.viewer })).status).toBe(400);
  });
});

describe('activity is in the same transaction as the mutation', () => {
  it('a failing mutation leaves neither the change nor its activity', async () => {
    const c = await createCustomer();
    const { withActivity } = await import('@/lib/audit');
    const { actorFor, createUser } = await import('../factories');
    const actor = actorFor(await createUser('admin'));
    await expect(
      withActivity(getDb(), actor, async (tx) => {
        await tx.update(customers).set({ city: 'Perdu' }).where(eq(customers.id, c.id));
        return {
          value: null,
          activity: { customerId: c.id, type: 'profile', title: 'x', metadata: { bad: 1n as unknown as number } },
        };
      }),
    ).rejects.toThrow();
    const [row] = await db().select().from(customers).where(eq(customers.id, c.id));
    expect(row.city).toBe('Lyon');
    expect(
      await db()
        .select()
        .from(customerActivity)
        .where(and(eq(customerActivity.customerId, c.id), inArray(customerActivity.type, ['profile']))),
    ).toHaveLength(0);
  });
});
