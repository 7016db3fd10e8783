import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { customers } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import { can, ROLES } from '@/lib/auth/permissions';
import { revokeApiToken } from '@/lib/auth/tokens';
import { registeredRoutes, type RouteDoc } from '@/lib/openapi/registry';
import '@/lib/openapi/document';
import { createBearer } from '../factories';
import { call } from '../factories/http';
import {
  buildCustomerWorld,
  EXEMPT,
  fill,
  loadRoutes,
  type Handler,
  type Method,
  type RouteFile,
  systemOwner,
  type World,
} from './routes';

/**
 * Every declared route × every principal (anonymous, revoked token, expired token, each role) →
 * 401 / 403 / success as the permission module says. Generated from the OpenAPI registry (which
 * carries each route's permission) and checked against the route files on disk, so a new route that
 * is not declared fails the suite.
 */

type Body = unknown | ((world: World) => Promise<unknown> | unknown);
let invoiceSeq = 0;
let tagSeq = 0;
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

// A valid request per mutating route, so that an allowed role must get a 2xx, not just "not 403".
const BODIES: Record<string, Body> = {
  [key('post', '/api/customers')]: { kind: 'individual', lastName: 'Matrice', email: 'matrice@exemple.fr' },
  [key('patch', '/api/customers/{id}')]: async (w: World) => {
    const [c] = await getDb()
      .select({ updatedAt: customers.updatedAt })
      .from(customers)
      .where(eq(customers.id, w.customerId));
    return { city: 'Lyon', updatedAt: c.updatedAt.toISOString() };
  },
  [key('post', '/api/customers/{id}/archive')]: { archived: true },
  [key('post', '/api/customers/{id}/contacts')]: { name: 'Jeanne Contact' },
  [key('patch', '/api/customers/{id}/contacts/{contactId}')]: { role: 'Gérante' },
  [key('post', '/api/customers/{id}/vehicles')]: { plate: 'GH-456-JK', make: 'Peugeot' },
  [key('patch', '/api/customers/{id}/vehicles/{vehicleId}')]: { mileage: 100000 },
  [key('post', '/api/customers/{id}/notes')]: { body: 'Note de test' },
  [key('patch', '/api/customers/{id}/notes/{noteId}')]: { pinned: true },
  [key('post', '/api/customers/{id}/activities')]: { type: 'call', title: 'Appel de suivi' },
  [key('post', '/api/customers/{id}/activity')]: { type: 'visit', title: 'Passage à l’atelier' },
  [key('post', '/api/customers/{id}/invoices')]: () => ({
    number: `F-MATRIX-${++invoiceSeq}`,
    issuedAt: '2026-03-01',
    dueAt: '2026-04-01',
    totalHtCents: 1000,
    vatCents: 200,
  }),
  [key('post', '/api/customers/{id}/payments')]: (w: World) => ({
    invoiceId: w.ids.invoiceId,
    amountCents: 1000,
    method: 'card',
    paidAt: '2026-02-01',
  }),
  [key('post', '/api/customers/{id}/consents')]: {
    purpose: 'marketing',
    channel: 'sms',
    granted: true,
    source: 'paper-form',
    textVersion: 'v2',
  },
  [key('post', '/api/customers/{id}/send-email')]: {
    subject: 'Rendez-vous',
    body: 'Bonjour, votre véhicule est prêt.',
    purpose: 'service',
  },
  [key('post', '/api/customers/{id}/tags')]: { name: 'Matrice' },
  [key('post', '/api/tags')]: () => ({ name: `Matrice globale ${++tagSeq}`, color: '#112233' }),
  [key('put', '/api/customers/{id}/location')]: { lat: 45.76, lon: 4.83 },
  [key('post', '/api/validate')]: { kind: 'siret', value: '73282932000074' },
};

const QUERIES: Record<string, Record<string, string> | ((world: World) => Record<string, string>)> = {
  [key('delete', '/api/customers/{id}/tags')]: (w: World) => ({ tagId: w.ids.tagId }),
  [key('get', '/api/customers/nearby')]: { lat: '45.76', lon: '4.83', radiusKm: '50' },
  [key('get', '/api/geocode')]: { address: '10 rue de la République 69002 Lyon' },
  [key('get', '/api/postal-codes')]: { q: '6900' },
  [key('get', '/api/customers/{id}/export')]: { format: 'json' },
  [key('get', '/api/customers/export')]: { format: 'csv' },
};

function multipartPdf(): FormData {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), 'matrice.pdf');
  form.append('category', 'report');
  return form;
}

/** What the permission module says a role gets on this route, given the fixture's owner is someone else. */
function expected(route: RouteDoc, role: Role): 'allowed' | 403 {
  if (route.permission === null || route.permission === 'public') return 'allowed';
  if (!can(role, route.permission)) return 403;
  // Technicians delete only their own uploads, and edit or delete only their own notes; the
  // fixture's document and note belong to a manager.
  if (route.permission === 'document.delete' && role === 'technician') return 403;
  if (role === 'technician' && route.path === '/api/customers/{id}/notes/{noteId}' && route.method !== 'get')
    return 403;
  return 'allowed';
}

let files: RouteFile[];
let bearers: Record<Role | 'revoked' | 'expired', string>;

beforeAll(async () => {
  files = await loadRoutes();
  const entries = await Promise.all(ROLES.map(async (r) => [r, (await createBearer(r)).authorization] as const));
  const revoked = await createBearer('admin');
  await revokeApiToken(getDb(), revoked.id);
  const expiredToken = await createBearer('admin', { expiresAt: new Date(Date.now() - 60_000) });
  bearers = {
    ...Object.fromEntries(entries),
    revoked: revoked.authorization,
    expired: expiredToken.authorization,
  } as typeof bearers;
});

function handlerFor(route: RouteDoc): Handler {
  const file = files.find((f) => f.path === route.path);
  const handler = file?.methods[route.method.toUpperCase() as Method];
  if (!handler) throw new Error(`${key(route.method, route.path)} is declared but has no handler`);
  return handler;
}

async function request(route: RouteDoc, auth: string | undefined, world: World) {
  const { url, params } = fill(route.path, world);
  const k = key(route.method, route.path);
  const body = typeof BODIES[k] === 'function' ? await (BODIES[k] as (w: World) => unknown)(world) : BODIES[k];
  const isUpload = route.bodyContentType?.startsWith('multipart/');
  return call(handlerFor(route), {
    method: route.method.toUpperCase(),
    path: url,
    params,
    query: typeof QUERIES[k] === 'function' ? (QUERIES[k] as (w: World) => Record<string, string>)(world) : QUERIES[k],
    auth,
    ...(isUpload ? { rawBody: multipartPdf() } : body !== undefined ? { body } : {}),
  });
}

describe('route declarations', () => {
  it('every route file method is declared in the OpenAPI registry with its permission', async () => {
    const declared = new Set(registeredRoutes().map((r) => key(r.method, r.path)));
    const undeclared: string[] = [];
    for (const f of await loadRoutes()) {
      if (EXEMPT.has(f.path)) continue;
      for (const m of Object.keys(f.methods)) if (!declared.has(key(m, f.path))) undeclared.push(key(m, f.path));
    }
    expect(undeclared, 'routes without an OpenAPI declaration (and so without a declared permission)').toEqual([]);
  });

  it('every declared route exists', async () => {
    const missing = registeredRoutes().filter(
      (r) => !files.find((f) => f.path === r.path)?.methods[r.method.toUpperCase() as Method],
    );
    expect(missing.map((r) => key(r.method, r.path))).toEqual([]);
  });
});

describe('authorization matrix', () => {
  const protectedRoutes = () => registeredRoutes().filter((r) => r.permission !== 'public');

  it('anonymous, revoked and expired callers get 401 with the error shape on every protected route', async () => {
    const owner = await systemOwner();
    const world = await buildCustomerWorld(owner);
    for (const route of protectedRoutes()) {
      for (const auth of [undefined, bearers.revoked, bearers.expired]) {
        const res = await request(route, auth, world);
        expect(res.status, `${key(route.method, route.path)} with ${auth ? 'a dead token' : 'no credentials'}`).toBe(
          401,
        );
        expect(res.body?.error?.code).toBe('unauthorized');
      }
    }
  });

  for (const role of ROLES) {
    it(`${role}: 403 where the permission module says no, success where it says yes`, async () => {
      const owner = await systemOwner();
      const failures: string[] = [];
      for (const route of protectedRoutes()) {
        // A fresh customer per route: deletes and erasures must not change what the next route sees.
        const world = await buildCustomerWorld(owner);
        const res = await request(route, bearers[role], world);
        const want = expected(route, role);
        const k = key(route.method, route.path);
        if (want === 403) {
          if (res.status !== 403 || res.body?.error?.code !== 'forbidden')
            failures.push(`${k}: expected 403, got ${res.status}`);
        } else if (res.status < 200 || res.status >= 300) {
          failures.push(`${k}: expected 2xx, got ${res.status} ${res.text.slice(0, 200)}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
