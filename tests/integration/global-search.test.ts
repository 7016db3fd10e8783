import { beforeAll, describe, expect, it } from 'vitest';
import { GET as OPENAPI } from '@/app/api/openapi.json/route';
import { GET } from '@/app/api/search/route';
import { getDb } from '@/db';
import type { Role } from '@/db/schema/enums';
import { eraseCustomer } from '@/lib/customers/erasure';
import { refreshCustomerSearch } from '@/lib/customers/search';
import type { SearchResponse } from '@/lib/search/schema';
import { actorFor, bearersByRole, createContact, createCustomer, createUser, createVehicle } from '../factories';
import { insertInvoice } from '../factories/finances';
import { call } from '../factories/http';

let auth: Record<Role, string>;
let main: Awaited<ReturnType<typeof createCustomer>>;
let erased: Awaited<ReturnType<typeof createCustomer>>;
const INVOICE = 'F-2031-987654';

const search = (q: string, role: Role = 'admin', extra: Record<string, string> = {}) =>
  call<SearchResponse>(GET, { path: '/api/search', query: { q, ...extra }, auth: auth[role] });

async function found(q: string, role: Role = 'admin') {
  const res = await search(q, role);
  expect(res.status, res.text).toBe(200);
  const byGroup = (key: string) => res.body.groups.find((g) => g.key === key)?.items ?? [];
  return {
    res,
    customers: byGroup('customers'),
    contacts: byGroup('contacts'),
    vehicles: byGroup('vehicles'),
    invoices: byGroup('invoices'),
  };
}

beforeAll(async () => {
  auth = await bearersByRole();
  const db = getDb();
  main = await createCustomer({
    firstName: 'Éloïse',
    lastName: 'Quenardel',
    email: 'eloise.quenardel@exemple.fr',
    phone: '+33698765432',
    city: 'Besançon',
    postalCode: '25000',
    siret: '73282932000074',
  });
  await createVehicle(main.id, { plate: 'QX-482-ZT', vin: 'VF1QNRDL0AB123456' });
  await createContact(main.id, { name: 'Gaëtan Voisembert', email: 'g.voisembert@atelier.fr', phone: '+33478123456' });
  await refreshCustomerSearch(db, main.id);
  await insertInvoice(main.id, { number: INVOICE });

  erased = await createCustomer({ firstName: 'Ondine', lastName: 'Farfadet', email: 'ondine.farfadet@exemple.fr' });
  await createContact(erased.id, { name: 'Ondine Farfadet' });
  await createVehicle(erased.id, { plate: 'WZ-913-KY' });
  await refreshCustomerSearch(db, erased.id);
  await insertInvoice(erased.id, { number: 'F-2031-555111' });
  await eraseCustomer(db, actorFor(await createUser('admin')), erased.id);
});

describe('GET /api/search: customers', () => {
  it.each([
    ['name, accents and case ignored', 'eloise QUENARD'],
    ['customer number', ''],
    ['SIRET', '73282932'],
    ['e-mail', 'eloise.quenardel@exem'],
    ['phone fragment, French spacing', '06 98 76'],
    ['phone, international form', '+33 6 98 76 54'],
    ['city', 'besancon'],
  ])('finds the customer by %s', async (_what, q) => {
    const { customers } = await found(q || main.number);
    expect(customers.map((c) => c.id)).toContain(main.id);
    const item = customers.find((c) => c.id === main.id)!;
    expect(item).toMatchObject({ label: 'Éloïse Quenardel', href: `/customers/${main.id}` });
    expect(item.secondary).toContain(main.number);
  });

  it('finds by a fragment of the number and puts the exact number first', async () => {
    const digits = main.number.replace(/\D/g, '').replace(/^0+/, '').padStart(3, '0');
    expect((await found(digits)).customers.map((c) => c.id)).toContain(main.id);
    expect((await found(main.number.toLowerCase())).customers[0].id).toBe(main.id);
  });

  it('returns at most `limit` results per group (5 by default)', async () => {
    for (let i = 0; i < 7; i++) {
      const c = await createCustomer({ firstName: 'Zéphyrin', lastName: `Groupelimite${i}`, email: null });
      await refreshCustomerSearch(getDb(), c.id);
    }
    expect((await found('zephyrin')).customers).toHaveLength(5);
    const two = await search('zephyrin', 'admin', { limit: '2' });
    expect(two.body.groups[0].items).toHaveLength(2);
  });
});

describe('GET /api/search: contacts and vehicles', () => {
  it.each([['voisembert'], ['gaetan voisem'], ['g.voisembert@atel'], ['04 78 12 34']])(
    'finds the contact by %s',
    async (q) => {
      const { contacts } = await found(q);
      expect(contacts).toHaveLength(1);
      expect(contacts[0]).toMatchObject({
        label: 'Gaëtan Voisembert',
        customerId: main.id,
        href: `/customers/${main.id}`,
      });
      expect(contacts[0].secondary).toContain('Éloïse Quenardel');
    },
  );

  it.each([['QX-482-ZT'], ['qx482zt'], ['qx-482'], ['482 ZT'], ['VF1QNRDL']])('finds the vehicle by %s', async (q) => {
    const { vehicles } = await found(q);
    expect(vehicles.map((v) => v.customerId)).toEqual([main.id]);
    expect(vehicles[0].label).toBe('QX-482-ZT');
  });

  it('skips contacts, vehicles and numbers for one- and two-character fragments (no trigram to use)', async () => {
    const { contacts, vehicles, invoices } = await found('qx');
    expect([contacts, vehicles, invoices]).toEqual([[], [], []]);
  });
});

describe('GET /api/search: roles', () => {
  it.each(['admin', 'manager', 'viewer'] as const)('%s (finance.read) finds the invoice by number', async (role) => {
    const { invoices } = await found('2031-9876', role);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ label: `Facture ${INVOICE}`, href: `/customers/${main.id}/finances` });
  });

  it('technician (no finance.read): no invoice group, and the number appears nowhere in the answer', async () => {
    const { res, invoices } = await found(INVOICE, 'technician');
    expect(invoices).toEqual([]);
    expect(res.body.groups.map((g) => g.key)).not.toContain('invoices');
    expect(JSON.stringify(res.body.groups)).not.toContain('987654');
    // The same technician still finds customers.
    expect((await found('quenardel', 'technician')).customers.map((c) => c.id)).toEqual([main.id]);
  });

  it('answers the same customers, contacts and vehicles to every role (only invoices differ)', async () => {
    const answers = await Promise.all(
      (['admin', 'manager', 'technician', 'viewer'] as const).map((r) => search('quenardel', r)),
    );
    for (const a of answers) expect(a.body).toEqual(answers[0].body);
  });

  it('is documented in the OpenAPI document with its query and permission', async () => {
    const doc = await call(OPENAPI as never);
    const op = doc.body.paths['/api/search'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['q', 'limit']));
    expect(JSON.stringify(op)).toContain('customer.read');
  });

  it('401 without credentials', async () => {
    const res = await call(GET, { path: '/api/search', query: { q: 'quenardel' } });
    expect(res.status).toBe(401);
  });
});

describe('GET /api/search: erased customers', () => {
  it.each([['farfadet'], ['ondine'], ['ondine.farfadet@exemple.fr'], ['WZ-913']])(
    'finds nothing personal by the former %s',
    async (q) => {
      const { res } = await found(q);
      expect(res.body.groups).toEqual([]);
    },
  );

  it('is not listed by its number either (like the customer list); its kept invoice names no one', async () => {
    const { customers, invoices } = await found(erased.number);
    expect(customers.map((c) => c.id)).not.toContain(erased.id);
    const { invoices: kept } = await found('2031-555111');
    expect(
      invoices
        .concat(kept)
        .map((i) => i.secondary)
        .join(' '),
    ).not.toMatch(/Ondine|Farfadet/);
    expect(kept[0]?.secondary).toContain('Client effacé');
  });
});

describe('GET /api/search: bad input', () => {
  it.each([
    ['missing q', {}, 'q'],
    ['empty q', { q: '' }, 'q'],
    ['blank q', { q: '   ' }, 'q'],
    ['q over 100 characters', { q: 'a'.repeat(101) }, 'q'],
    ['limit 0', { q: 'martin', limit: '0' }, 'limit'],
    ['limit not a number', { q: 'martin', limit: 'abc' }, 'limit'],
  ])('%s → 422 naming the field in French (the shared query validation of withAuth)', async (_what, query, field) => {
    const res = await call(GET, { path: '/api/search', query, auth: auth.admin });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields[field].join(' ')).toMatch(/Saisissez|caractères|Limite|requis/);
  });

  it('LIKE and tsquery syntax in q is text, not an operator', async () => {
    for (const q of ['%', '_', "'", '\\', '%%%', 'a & b | !c', ':*']) {
      const res = await search(q);
      expect(res.status, q).toBe(200);
    }
    expect((await found('%%%')).res.body.groups).toEqual([]);
  });
});
