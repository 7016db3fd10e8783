import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import { authSecret, resetEnvCache } from '@/lib/env';
import { createBearer, createUser } from '../factories';
import { call } from '../factories/http';
import { diffDumps, dumpRows } from './db-state';
import { buildCustomerWorld, fill, loadRoutes, type Method, type RouteFile, systemOwner, type World } from './routes';
import { validBody, validQuery, validUpload } from './valid-requests';

/**
 * Cross-site request forgery: a browser attaches the session cookie to a request another site makes it
 * send. SameSite=Lax stops cross-site POSTs but not a sibling subdomain (same site) nor old browsers, so
 * every cookie-authenticated POST/PUT/PATCH/DELETE must prove it comes from the app's own pages:
 * `Sec-Fetch-Site: same-origin` (or `none`, typed by the user), else an `Origin` naming the app's host.
 * Bearer tokens are not sent by browsers on their own: they are unaffected.
 */

const COOKIE = 'authjs.session-token';
const UNSAFE: Method[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

let files: RouteFile[];
let cookie: string;
let bearer: string;
let owner: Awaited<ReturnType<typeof systemOwner>>;

beforeAll(async () => {
  files = await loadRoutes();
  const admin = await createUser('admin');
  cookie = `${COOKIE}=${await encode({ token: { uid: admin.id }, secret: authSecret(), salt: COOKIE })}`;
  bearer = (await createBearer('admin')).authorization;
  owner = await systemOwner();
});

const unsafeRoutes = () =>
  files.flatMap((route) =>
    UNSAFE.filter((m) => route.methods[m]).map((method) => ({ route, method, label: `${method} ${route.path}` })),
  );

/** The route's valid request (so a refusal can only come from the origin check), with the headers under test. */
function send(route: RouteFile, method: Method, world: World, headers: Record<string, string>, auth?: string) {
  const { url, params } = fill(route.path, world);
  const body = validBody(method, route.path, world);
  const upload = validUpload(method, route.path);
  return call(route.methods[method]!, {
    method,
    path: url,
    params,
    query: validQuery(method, route.path, world),
    auth,
    headers,
    ...(upload ? { rawBody: upload } : body ? { body } : {}),
  });
}

describe('cookie sessions: state-changing requests must come from the app itself', () => {
  it('covers every POST/PUT/PATCH/DELETE route', () => {
    expect(unsafeRoutes().length).toBeGreaterThanOrEqual(25);
  });

  it('no Origin, a foreign or opaque Origin, or Sec-Fetch-Site cross-site/same-site → 403, nothing written', async () => {
    const world = await buildCustomerWorld(owner);
    const refused: Record<string, string>[] = [
      { cookie },
      { cookie, origin: 'https://evil.example' },
      { cookie, origin: 'null' },
      { cookie, origin: 'http://localhost.evil.example' },
      { cookie, origin: 'not a url' },
      // Sec-Fetch-Site is set by the browser and cannot be changed by a page: it wins over a matching Origin.
      { cookie, origin: 'http://localhost', 'sec-fetch-site': 'cross-site' },
      { cookie, origin: 'http://localhost', 'sec-fetch-site': 'same-site' },
      // The Host the browser sent is what counts, not the URL the server listens on.
      { cookie, origin: 'http://localhost', host: 'crm.example.fr' },
    ];
    const failures: string[] = [];
    const before = await dumpRows();
    for (const { route, method, label } of unsafeRoutes()) {
      for (const headers of refused) {
        const res = await send(route, method, world, headers);
        const { cookie: _, ...shown } = headers;
        if (res.status !== 403 || res.body?.error?.code !== 'forbidden')
          failures.push(`${label} ${JSON.stringify(shown)}: ${res.status} ${res.text.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(diffDumps(before, await dumpRows())).toEqual({});
  });

  it('the refusal says why, in French', async () => {
    const route = files.find((f) => f.path === '/api/customers')!;
    const res = await send(route, 'POST', await buildCustomerWorld(owner), { cookie });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/origine/i);
  });

  it('the same requests from the app’s own origin succeed on every route', async () => {
    const failures: string[] = [];
    for (const { route, method, label } of unsafeRoutes()) {
      // A fresh customer per route: an erasure or a delete must not change what the next route sees.
      const res = await send(route, method, await buildCustomerWorld(owner), { cookie, origin: 'http://localhost' });
      if (res.status < 200 || res.status >= 300) failures.push(`${label}: ${res.status} ${res.text.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
  });

  it.each([
    ['Sec-Fetch-Site same-origin', { 'sec-fetch-site': 'same-origin' }],
    ['Sec-Fetch-Site none (typed by the user)', { 'sec-fetch-site': 'none' }],
    ['Origin = Host behind a proxy that keeps the Host', { origin: 'https://crm.example.fr', host: 'crm.example.fr' }],
    ['Origin with the port of the Host', { origin: 'http://crm.example.fr:8080', host: 'crm.example.fr:8080' }],
  ])('%s → accepted', async (_, headers: Record<string, string>) => {
    const route = files.find((f) => f.path === '/api/customers/{id}/notes')!;
    const res = await send(route, 'POST', await buildCustomerWorld(owner), { cookie, ...headers });
    expect(res.status, res.text).toBe(201);
  });

  it('behind a reverse proxy that rewrites Host: X-Forwarded-Host counts only when TRUSTED_PROXIES declares the proxy', async () => {
    const route = files.find((f) => f.path === '/api/customers/{id}/notes')!;
    const proxied = {
      cookie,
      origin: 'https://crm.example.fr',
      host: '127.0.0.1:3000',
      'x-forwarded-host': 'crm.example.fr',
    };
    try {
      delete process.env.TRUSTED_PROXIES;
      resetEnvCache();
      expect((await send(route, 'POST', await buildCustomerWorld(owner), proxied)).status).toBe(403);
      process.env.TRUSTED_PROXIES = '1';
      resetEnvCache();
      const res = await send(route, 'POST', await buildCustomerWorld(owner), proxied);
      expect(res.status, res.text).toBe(201);
      // The proxy's own value is the last one: an entry a client put in front of it does not count.
      const forged = { ...proxied, origin: 'https://evil.example', 'x-forwarded-host': 'evil.example, crm.example.fr' };
      expect((await send(route, 'POST', await buildCustomerWorld(owner), forged)).status).toBe(403);
    } finally {
      delete process.env.TRUSTED_PROXIES;
      resetEnvCache();
    }
  });

  it('bearer tokens are unaffected (no cookie: nothing a browser sends by itself)', async () => {
    const route = files.find((f) => f.path === '/api/customers/{id}/notes')!;
    const world = await buildCustomerWorld(owner);
    for (const headers of [{}, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }] as Record<
      string,
      string
    >[]) {
      const res = await send(route, 'POST', world, headers, bearer);
      expect(res.status, res.text).toBe(201);
    }
  });

  it('reads are unaffected: a cookie GET from another site is answered (SameSite and CORS keep it unreadable)', async () => {
    const route = files.find((f) => f.path === '/api/customers/{id}')!;
    const res = await send(route, 'GET', await buildCustomerWorld(owner), {
      cookie,
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(res.status).toBe(200);
  });

  it('an anonymous cross-site request is still a 401 (authentication comes first)', async () => {
    const route = files.find((f) => f.path === '/api/customers')!;
    const res = await send(route, 'POST', await buildCustomerWorld(owner), { origin: 'https://evil.example' });
    expect(res.status).toBe(401);
  });
});
