import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@/db/schema/auth';
import { can, ROLES } from '@/lib/auth/permissions';
import { registeredRoutes, type RouteDef } from '@/lib/openapi/registry';
import '@/lib/openapi/document';
import { bearersByRole, deadBearers } from '../factories';
import { call } from '../factories/http';
import {
  buildCustomerWorld,
  endpoints,
  fill,
  loadRoutes,
  type Method,
  type RouteFile,
  systemOwner,
  type World,
  worldPool,
} from './routes';
import { validBody, validQuery, validUpload } from './valid-requests';

/**
 * Every route × every principal (anonymous, revoked token, expired token, each role) → 401 / 403 / success
 * as the permission module says. Generated from the definition each route file's handlers carry (the one
 * withAuth enforces and the OpenAPI document shows), so a route file without a definition, or with another
 * route's, fails the suite.
 */
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
type Endpoint = ReturnType<typeof endpoints>[number];

/** What the permission module says a role gets on this route, given the fixture's owner is someone else. */
function expected(route: RouteDef, role: Role): 'allowed' | 403 {
  if (route.permission === null || route.permission === 'public') return 'allowed';
  if (!can(role, route.permission)) return 403;
  // Technicians delete and edit only their own uploads, and edit or delete only their own notes; the
  // fixture's document and note belong to a manager.
  if (route.permission === 'document.delete' && role === 'technician') return 403;
  if (role === 'technician' && route.path === '/api/customers/{id}/documents/{docId}' && route.method === 'patch')
    return 403;
  // Technicians correct or delete only the manual activities they wrote; the fixture's entry is a manager's.
  if (role === 'technician' && route.path === '/api/customers/{id}/activities/{activityId}') return 403;
  if (role === 'technician' && route.path === '/api/customers/{id}/notes/{noteId}' && route.method !== 'get')
    return 403;
  // Technicians start, report and complete only the interventions assigned to them (a token never is), and
  // another technician's day is the managers' planning.
  if (route.permission === 'intervention.report' && role === 'technician') return 403;
  if (route.path === '/api/interventions' && !can(role, 'intervention.plan')) return 403;
  // Technicians edit only the tasks they created or are assigned (the fixture's is another technician's), and
  // list only their own (a token has none: it names another person).
  if (role === 'technician' && (route.path === '/api/customers/{id}/tasks/{taskId}' || route.path === '/api/tasks'))
    return 403;
  // The fixture's saved view is another manager's shared one: only view.share may take it down.
  if (route.path === '/api/saved-views/{viewId}' && !can(role, 'view.share')) return 403;
  return 'allowed';
}

let files: RouteFile[];
let bearers: Record<Role | 'revoked' | 'expired', string>;

beforeAll(async () => {
  files = await loadRoutes();
  bearers = { ...(await bearersByRole()), ...(await deadBearers('admin')) };
});

async function request(route: Endpoint, auth: string | undefined, world: World) {
  const { definition } = route;
  const { url, params } = fill(definition.path, world);
  const body = validBody(route.method, definition.path, world);
  const upload = definition.bodyContentType?.startsWith('multipart/')
    ? validUpload(route.method, definition.path)
    : undefined;
  return call(route.file.methods[route.method]!, {
    method: route.method,
    path: url,
    params,
    query: validQuery(route.method, definition.path, world),
    auth,
    ...(upload ? { rawBody: upload } : body !== undefined ? { body } : {}),
  });
}

describe('route declarations', () => {
  it('every route file method carries its definition, for its own method and path', () => {
    const failures: string[] = [];
    for (const f of files) {
      for (const m of Object.keys(f.methods) as Method[]) {
        const d = f.definitions[m];
        if (!d) failures.push(`${m} ${f.path}: no definition (write it as withAuth(definition, handler))`);
        else if (d.method.toUpperCase() !== m || d.path !== f.path)
          failures.push(`${m} ${f.path}: carries the definition of ${key(d.method, d.path)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('every definition a route uses is in the OpenAPI document (and is the only one for its method and path)', () => {
    const registered = new Set<RouteDef>(registeredRoutes());
    const missing = endpoints(files).filter((e) => !registered.has(e.definition));
    expect(missing.map((e) => key(e.method, e.file.path))).toEqual([]);
  });

  it('every documented route exists', () => {
    const missing = registeredRoutes().filter(
      (r) => !files.find((f) => f.path === r.path)?.methods[r.method.toUpperCase() as Method],
    );
    expect(missing.map((r) => key(r.method, r.path))).toEqual([]);
  });
});

describe('authorization matrix', () => {
  const protectedRoutes = () => endpoints(files).filter((e) => e.definition.permission !== 'public');

  it('anonymous, revoked and expired callers get 401 with the error shape on every protected route', async () => {
    const owner = await systemOwner();
    const world = await buildCustomerWorld(owner);
    for (const route of protectedRoutes()) {
      for (const auth of [undefined, bearers.revoked, bearers.expired]) {
        const res = await request(route, auth, world);
        expect(
          res.status,
          `${key(route.method, route.file.path)} with ${auth ? 'a dead token' : 'no credentials'}`,
        ).toBe(401);
        expect(res.body?.error?.code).toBe('unauthorized');
      }
    }
  });

  for (const role of ROLES) {
    // ~100 routes, PDF report and invoice included: more than the default 60 s on a loaded machine.
    it(
      `${role}: 403 where the permission module says no, success where it says yes`,
      { timeout: 180_000 },
      async () => {
        const worlds = worldPool(await systemOwner());
        const failures: string[] = [];
        for (const route of protectedRoutes()) {
          // A fresh customer after each write that succeeded: deletes and erasures must not change what the
          // next route sees.
          const res = await request(route, bearers[role], await worlds.get());
          worlds.after(route.method, res.status);
          const want = expected(route.definition, role);
          const k = key(route.method, route.file.path);
          if (want === 403) {
            if (res.status !== 403 || res.body?.error?.code !== 'forbidden')
              failures.push(`${k}: expected 403, got ${res.status}`);
          } else if (res.status < 200 || res.status >= 300) {
            failures.push(`${k}: expected 2xx, got ${res.status} ${res.text.slice(0, 200)}`);
          }
        }
        expect(failures).toEqual([]);
      },
    );
  }
});
