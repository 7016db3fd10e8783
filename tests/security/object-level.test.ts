import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { customerContacts, customers, invoices, tags, vehicles } from '@/db/schema';
import { createBearer } from '../factories';
import { call } from '../factories/http';
import { diffDumps, dumpRows } from './db-state';
import { buildCustomerWorld, loadRoutes, type Method, type RouteFile, systemOwner, type World } from './routes';

/**
 * Object-level authorization (README › Security): customer A's id with customer B's child id must be a 404
 * with the error shape, leak nothing of B and change nothing anywhere. The child routes are found
 * on disk (every app/api route with a path parameter besides {id}), so a new child resource is
 * covered without touching this file.
 */

const CHILD_METHODS: Method[] = ['GET', 'PUT', 'PATCH', 'DELETE'];

// A valid body per child parameter, so a 422 cannot hide a missing ownership check.
const VALID_PATCH: Record<string, unknown> = {
  contactId: { role: 'Gérante' },
  vehicleId: { mileage: 123456 },
  noteId: { body: 'Texte modifié', pinned: true },
  docId: { originalName: 'modifié', category: 'quote' },
  activityId: { title: 'modifié' },
  invoiceId: { status: 'cancelled' },
  paymentId: { reference: 'modifié' },
  consentId: { granted: false },
  tagId: { name: 'modifié' },
  // A well-formed version: the ownership check comes before the version check.
  interventionId: { durationMinutes: 90, updatedAt: '2026-01-01T00:00:00Z' },
  taskId: { title: 'Titre modifié', completed: true },
};

let admin: string;
let childRoutes: { route: RouteFile; child: string; method: Method }[];
let a: World;
let b: World;
let bSecrets: string[];

async function identifyingStrings(w: World): Promise<string[]> {
  const db = getDb();
  const [c] = await db.select().from(customers).where(eq(customers.id, w.customerId));
  const [contact] = await db.select().from(customerContacts).where(eq(customerContacts.id, w.ids.contactId));
  const [vehicle] = await db.select().from(vehicles).where(eq(vehicles.id, w.ids.vehicleId));
  const [invoice] = await db.select().from(invoices).where(eq(invoices.id, w.ids.invoiceId));
  const [tag] = await db.select().from(tags).where(eq(tags.id, w.ids.tagId));
  return [
    ...Object.values(w.ids),
    c.lastName!,
    c.email!,
    c.number,
    contact.name,
    vehicle.plate!,
    invoice.number,
    tag.name,
  ].filter(Boolean);
}

beforeAll(async () => {
  admin = (await createBearer('admin')).authorization;
  const files = await loadRoutes();
  childRoutes = [];
  for (const route of files) {
    const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    if (names[0] !== 'id' || names.length < 2) continue;
    for (const method of CHILD_METHODS)
      if (route.methods[method]) childRoutes.push({ route, child: names[names.length - 1], method });
  }
  const owner = await systemOwner();
  a = await buildCustomerWorld(owner);
  b = await buildCustomerWorld(owner);
  bSecrets = await identifyingStrings(b);
});

describe('object-level authorization', () => {
  it('discovers the child routes of every resource', () => {
    const children = new Set(childRoutes.map((r) => r.child));
    // The resources the SPEC names; a child route that disappears must be noticed.
    for (const c of ['contactId', 'vehicleId', 'noteId', 'docId', 'invoiceId']) expect(children, c).toContain(c);
  });

  it("customer A's id with customer B's child id → 404, no data of B, nothing changed", async () => {
    const failures: string[] = [];
    for (const { route, child, method } of childRoutes) {
      const label = `${method} ${route.path}`;
      const ids = { ...a.ids, [child]: b.ids[child] };
      if (!b.ids[child]) {
        failures.push(`${label}: no fixture for {${child}} in buildCustomerWorld`);
        continue;
      }
      const url = route.path.replace(/\{(\w+)\}/g, (_, n: string) => ids[n]);
      const params = Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], ids[m[1]]]));
      const before = await dumpRows();
      const hasBody = method === 'PATCH' || method === 'PUT';
      const res = await call(route.methods[method]!, {
        method,
        path: url,
        params,
        auth: admin,
        ...(hasBody ? { body: VALID_PATCH[child] ?? {} } : {}),
      });
      const after = await dumpRows();
      if (res.status !== 404) failures.push(`${label}: expected 404, got ${res.status} ${res.text.slice(0, 200)}`);
      else if (res.body?.error?.code !== 'not_found' || typeof res.body.error.message !== 'string')
        failures.push(`${label}: 404 without the error shape: ${res.text.slice(0, 200)}`);
      else if (Object.keys(res.body).join() !== 'error')
        failures.push(`${label}: 404 body carries more than the error: ${res.text.slice(0, 200)}`);
      const leaked = bSecrets.filter(
        (s) => res.text.includes(s) || [...res.headers.values()].some((h) => h.includes(s)),
      );
      if (leaked.length) failures.push(`${label}: response shows data of customer B: ${leaked.join(', ')}`);
      const changes = diffDumps(before, after);
      if (Object.keys(changes).length)
        failures.push(`${label}: database changed: ${JSON.stringify(changes).slice(0, 400)}`);
    }
    expect(failures).toEqual([]);
    expect(childRoutes.length).toBeGreaterThan(10);
  });

  it("B's children are still reachable through B (the fixture is real, the 404 above is ownership)", async () => {
    const failures: string[] = [];
    for (const { route, child } of childRoutes.filter((r) => r.method === 'GET')) {
      const params = Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], b.ids[m[1]]]));
      const url = route.path.replace(/\{(\w+)\}/g, (_, n: string) => b.ids[n]);
      const res = await call(route.methods.GET!, { path: url, params, auth: admin });
      if (res.status !== 200) failures.push(`GET ${route.path} ({${child}} of B through B): ${res.status}`);
    }
    expect(failures).toEqual([]);
  });
});
