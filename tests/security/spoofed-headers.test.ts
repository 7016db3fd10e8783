import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { revokeApiToken } from '@/lib/auth/tokens';
import { authSecret } from '@/lib/env';
import { setRateLimiter } from '@/lib/rate-limit';
import { createBearer, createUser } from '../factories';
import { call } from '../factories/http';
import { diffDumps, dumpRows } from './db-state';
import { buildCustomerWorld, fill, loadRoutes, type Method, type RouteFile, systemOwner, type World } from './routes';
import { validBody, validQuery } from './valid-requests';

/**
 * Internal or proxy headers a client may forge (x-middleware-subrequest of CVE-2025-29927,
 * identity headers of auth proxies, Next.js internals) and forged session cookies: on every route
 * they get exactly what the caller would get without them, and write nothing.
 */

let adminId = '';
const SPOOFS = (): Record<string, string>[] => [
  { 'x-middleware-subrequest': 'middleware' },
  { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
  { 'x-middleware-subrequest': 'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware' },
  { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' },
  {
    'x-forwarded-user': 'admin@demo.local',
    'x-forwarded-email': 'admin@demo.local',
    'x-remote-user': 'admin',
    'remote-user': 'admin',
  },
  {
    'x-user-role': 'admin',
    'x-role': 'admin',
    'x-user-id': adminId,
    'x-actor': JSON.stringify({ kind: 'system', role: 'admin' }),
  },
  {
    'x-invoke-path': '/api/health',
    'x-invoke-query': '%7B%7D',
    'x-invoke-status': '200',
    'x-matched-path': '/api/health',
  },
  {
    'x-nextjs-data': '1',
    'x-middleware-prefetch': '1',
    'x-middleware-invoke': '1',
    rsc: '1',
    'next-router-prefetch': '1',
    'x-prerender-revalidate': '1',
  },
  {
    'x-forwarded-for': '127.0.0.1',
    'x-real-ip': '127.0.0.1',
    'x-forwarded-host': 'localhost',
    'x-forwarded-proto': 'https',
    'x-original-url': '/api/health',
    'x-rewrite-url': '/api/health',
  },
];

let files: RouteFile[];
let viewer: string;
let world: World;

function b64(o: unknown) {
  return Buffer.from(JSON.stringify(o)).toString('base64url');
}

function multipartPdf(): FormData {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), 'usurpation.pdf');
  form.append('category', 'report');
  return form;
}

function request(route: RouteFile, method: Method, headers: Record<string, string>, auth?: string) {
  const { url, params } = fill(route.path, world);
  const body = validBody(method, route.path, world);
  const isUpload = route.path.endsWith('/documents') && method === 'POST';
  return call(route.methods[method]!, {
    method,
    path: url,
    params,
    query: validQuery(method, route.path),
    auth,
    headers,
    ...(isUpload ? { rawBody: multipartPdf() } : body ? { body } : {}),
  });
}

const each = () =>
  files.flatMap((route) =>
    (Object.keys(route.methods) as Method[]).map((method) => ({
      route,
      method,
      label: `${method} ${route.path}`,
      isPublic: route.definitions[method]?.permission === 'public',
    })),
  );

beforeAll(async () => {
  // Hundreds of requests on one token: the per-token limit is not what is tested here.
  setRateLimiter({
    hit: async () => ({ ok: true, count: 1, retryAfter: 0 }),
    peek: async () => ({ ok: true, count: 0, retryAfter: 0 }),
    undo: async () => {},
    extend: async () => {},
    reset: async () => {},
  });
  files = await loadRoutes();
  adminId = (await createUser('admin')).id;
  viewer = (await createBearer('viewer')).authorization;
  world = await buildCustomerWorld(await systemOwner());
});

describe('spoofed internal and proxy headers', () => {
  it('anonymous callers still get 401 on every protected route, and nothing is written', async () => {
    const failures: string[] = [];
    const before = await dumpRows();
    for (const { route, method, label, isPublic } of each()) {
      if (isPublic) continue;
      for (const spoof of [...SPOOFS(), Object.assign({}, ...SPOOFS())]) {
        const res = await request(route, method, spoof);
        if (res.status !== 401 || res.body?.error?.code !== 'unauthorized')
          failures.push(`${label} with ${Object.keys(spoof).join(',')}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(diffDumps(before, await dumpRows())).toEqual({});
  });

  it('a viewer gets the same status with them as without them on every route', async () => {
    const failures: string[] = [];
    for (const { route, method, label } of each()) {
      const baseline = (await request(route, method, {}, viewer)).status;
      for (const spoof of [...SPOOFS(), Object.assign({}, ...SPOOFS())]) {
        const res = await request(route, method, spoof, viewer);
        if (res.status !== baseline)
          failures.push(`${label} with ${Object.keys(spoof).join(',')}: ${res.status} (without: ${baseline})`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('forged sessions and dead credentials', () => {
  const cookieName = 'authjs.session-token';

  it('unsigned, garbage, foreign-secret and deactivated-user session cookies are anonymous (401) everywhere', async () => {
    const tech = await createUser('technician');
    const gone = await createUser('admin');
    const goneJwt = await encode({ token: { uid: gone.id, role: 'admin' }, secret: authSecret(), salt: cookieName });
    await getDb().update(users).set({ active: false }).where(eq(users.id, gone.id));
    const revoked = await createBearer('admin');
    await revokeApiToken(getDb(), revoked.id);
    const cookies = [
      `${cookieName}=${b64({ alg: 'none', typ: 'JWT' })}.${b64({ uid: adminId, role: 'admin' })}.`,
      `${cookieName}=garbage`,
      `__Secure-${cookieName}=${b64({ alg: 'none' })}.${b64({ uid: adminId })}.`,
      `${cookieName}.0=${b64({ uid: adminId })}; ${cookieName}.1=x`,
      `${cookieName}=${await encode({ token: { uid: adminId, role: 'admin' }, secret: 'another-secret-another-secret-123', salt: cookieName })}`,
      `${cookieName}=${await encode({ token: { uid: tech.id }, secret: authSecret(), salt: `__Secure-${cookieName}` })}`,
      `${cookieName}=${goneJwt}`,
    ];
    const failures: string[] = [];
    const before = await dumpRows();
    for (const { route, method, label, isPublic } of each()) {
      if (isPublic) continue;
      for (const [i, cookie] of cookies.entries()) {
        const res = await request(route, method, { cookie, 'x-user-role': 'admin' });
        if (res.status !== 401) failures.push(`${label} with forged cookie #${i}: ${res.status}`);
      }
      const res = await request(
        route,
        method,
        { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
        revoked.authorization,
      );
      if (res.status !== 401) failures.push(`${label} with a revoked token: ${res.status}`);
    }
    expect(failures).toEqual([]);
    expect(diffDumps(before, await dumpRows())).toEqual({});
  });

  it("a real technician session with 'x-user-role: admin' is still a technician", async () => {
    const tech = await createUser('technician');
    const jwt = await encode({ token: { uid: tech.id, role: 'admin' }, secret: authSecret(), salt: cookieName });
    const route = files.find((f) => f.path === '/api/customers/{id}')!;
    const spoof = {
      cookie: `${cookieName}=${jwt}`,
      // From the app's own origin, so the 403 below is the role's, not the CSRF check's.
      origin: 'http://localhost',
      'x-user-role': 'admin',
      'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware',
    };
    // customer.delete is admin-only; customer.read is everyone's.
    expect((await request(route, 'DELETE', spoof)).status).toBe(403);
    expect((await request(route, 'GET', spoof)).status).toBe(200);
  });
});
