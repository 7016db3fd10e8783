import { beforeAll, describe, expect, it } from 'vitest';
import { env } from '@/lib/env';
import { getRateLimiter, LIMITS } from '@/lib/rate-limit';
import { createBearer } from '../factories';
import { call } from '../factories/http';
import { rowCounts } from './db-state';
import {
  buildCustomerWorld,
  endpoints,
  fill,
  loadRoutes,
  type Method,
  type RouteFile,
  systemOwner,
  type World,
} from './routes';
import { validBody, validQuery } from './valid-requests';

/**
 * Resource limits (README › API, Security): page size capped at 100, JSON bodies capped at MAX_JSON_KB (413
 * before parsing, nothing written), per-token rate limit answered with 429 + Retry-After through a
 * real route. (The login limit is covered by tests/integration/auth.test.ts through verifyLogin.)
 */

let files: RouteFile[];
let admin: string;
let world: World;

beforeAll(async () => {
  files = await loadRoutes();
  admin = (await createBearer('admin')).authorization;
  world = await buildCustomerWorld(await systemOwner());
});

const handler = (path: string, method: Method) => files.find((f) => f.path === path)?.methods[method];

describe('page size', () => {
  const lists = () =>
    endpoints(files)
      .map((e) => e.definition)
      .filter((r) => r.method === 'get' && r.query && 'limit' in r.query.shape);

  it('every list that takes `limit` refuses more than 100 (and 0, negatives, non-numbers) with 422 on `limit`', async () => {
    expect(lists().length).toBeGreaterThanOrEqual(4);
    const failures: string[] = [];
    for (const route of lists()) {
      const { url, params } = fill(route.path, world);
      const h = handler(route.path, 'GET');
      if (!h) continue; // "declared but missing" is the matrix's failure to report
      for (const limit of ['101', '1000000', '0', '-1', 'abc', '1e3']) {
        const res = await call(h, {
          path: url,
          params,
          auth: admin,
          query: { ...validQuery('get', route.path), limit },
        });
        if (res.status !== 422 || !res.body?.error?.fields?.limit)
          failures.push(`GET ${route.path}?limit=${limit}: ${res.status} ${res.text.slice(0, 120)}`);
      }
      // 100 itself is fine on keyset lists (a suggestion endpoint may cap lower: then its schema says so).
      if (!route.query!.safeParse({ ...validQuery('get', route.path), limit: '100' }).success) continue;
      const ok = await call(h, {
        path: url,
        params,
        auth: admin,
        query: { ...validQuery('get', route.path), limit: '100' },
      });
      if (ok.status !== 200) failures.push(`GET ${route.path}?limit=100: ${ok.status} ${ok.text.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('JSON body size', () => {
  it(`every JSON POST/PATCH/PUT answers 413 past MAX_JSON_KB (${env().MAX_JSON_KB} KB), streamed or declared, and writes nothing`, async () => {
    const max = env().MAX_JSON_KB * 1024;
    const failures: string[] = [];
    let checked = 0;
    for (const route of files) {
      for (const method of ['POST', 'PATCH', 'PUT'] as const) {
        const h = route.methods[method];
        const doc = route.definitions[method];
        const base = validBody(method, route.path, world);
        // Routes that read a JSON body: declared with one, or known to take one. Uploads are multipart (upload-attacks).
        if (!h || doc?.bodyContentType?.startsWith('multipart/') || (!doc?.body && !base)) continue;
        checked++;
        const { url, params } = fill(route.path, world);
        const before = await rowCounts();
        // A valid body padded past the limit: only its size is wrong.
        const big = JSON.stringify({ ...base, padding: 'x'.repeat(max) });
        const streamed = await call(h, {
          method,
          path: url,
          params,
          auth: admin,
          rawBody: big,
          headers: { 'content-type': 'application/json' },
        });
        const declared = await call(h, {
          method,
          path: url,
          params,
          auth: admin,
          rawBody: '{}',
          headers: { 'content-type': 'application/json', 'content-length': String(max + 1) },
        });
        for (const [how, res] of [
          ['streamed', streamed],
          ['declared length', declared],
        ] as const) {
          if (res.status !== 413 || res.body?.error?.code !== 'payload_too_large')
            failures.push(`${method} ${route.path} (${how}): ${res.status} ${res.text.slice(0, 120)}`);
        }
        const after = await rowCounts();
        if (JSON.stringify(after) !== JSON.stringify(before))
          failures.push(`${method} ${route.path}: rows written on a 413`);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(15);
    expect(failures).toEqual([]);
  });

  it('a body just under the limit is not refused for its size', async () => {
    const h = handler('/api/customers/{id}/notes', 'POST')!;
    const { url, params } = fill('/api/customers/{id}/notes', world);
    // 200 KB of JSON whitespace around a valid note: parsed, not a 413.
    const body = `${' '.repeat(200 * 1024)}{"body":"Note sous la limite"}`;
    const res = await call(h, {
      method: 'POST',
      path: url,
      params,
      auth: admin,
      rawBody: body,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(201);
  });
});

describe('per-token rate limit through a real route', () => {
  it(`the ${LIMITS.token.limit + 1}th request in the window is a 429 with Retry-After; another token is unaffected`, async () => {
    const h = handler('/api/customers/{id}', 'GET')!;
    const { url, params } = fill('/api/customers/{id}', world);
    const bearer = await createBearer('viewer');
    expect((await call(h, { path: url, params, auth: bearer.authorization })).status).toBe(200);
    // Use up the window through the limiter the route consults (600 real requests would only cost time).
    for (let i = 1; i < LIMITS.token.limit; i++)
      await getRateLimiter().hit(`token:${bearer.id}`, LIMITS.token.limit, LIMITS.token.windowSeconds);
    const limited = await call(h, { path: url, params, auth: bearer.authorization });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.text).not.toContain(world.customerId);
    const retry = Number(limited.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(LIMITS.token.windowSeconds);
    const other = await createBearer('viewer');
    expect((await call(h, { path: url, params, auth: other.authorization })).status).toBe(200);
  });
});
