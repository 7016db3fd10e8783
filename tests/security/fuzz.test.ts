import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { searchParamsToObject } from '@/lib/http/parse';
import { setRateLimiter } from '@/lib/rate-limit';
import { createBearer } from '../factories';
import { call } from '../factories/http';
import { rowCounts } from './db-state';
import {
  badId,
  type BodyCase,
  bodyCase,
  controlString,
  hostileString,
  hostileValue,
  idempotencyKey,
  isValidIdempotencyKey,
  queryCase,
  schemaKeys,
} from './fuzz-arbitraries';
import { buildCustomerWorld, idsFor, loadRoutes, type Method, systemOwner, type World, worldPool } from './routes';
import { validBody, validQuery } from './valid-requests';

/**
 * Property-based fuzzing of every API route (README › Security): generated malformed bodies, query strings
 * and path ids → a 4xx with the error shape (a 2xx only when the input is in fact valid), never a
 * 5xx or a stack trace, and no table's row count changed by a refused request. Routes come from
 * the files on disk; each handler's definition gives its body and query schemas.
 * Seed: FUZZ_SEED, else 360360 in CI, else random (printed). Runs per endpoint: FUZZ_RUNS (60).
 */

const SEED = process.env.FUZZ_SEED
  ? Number(process.env.FUZZ_SEED)
  : process.env.CI
    ? 360360
    : Math.floor(Math.random() * 2 ** 31);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
console.log(`[fuzz] seed ${SEED} — replay with FUZZ_SEED=${SEED}; ${RUNS} runs per endpoint`);

type Role = 'admin' | 'viewer';
type Case =
  | { kind: 'body'; role: Role; body: BodyCase }
  /** A valid body with one field replaced: the hostile value gets past the other fields' checks. */
  | { kind: 'field'; role: Role; key: string; value: unknown }
  /** A valid body whose string field gets a hostile suffix (keeps its format checks passing more often). */
  | { kind: 'suffix'; role: Role; key: string; suffix: string }
  | { kind: 'query'; role: Role; query: Record<string, string | string[]> }
  | { kind: 'path'; role: Role; param: string; value: string }
  /** A valid request with an Idempotency-Key, well formed or not (malformed → 400, nothing written). */
  | { kind: 'key'; role: Role; key: string };

const files = await loadRoutes();
const endpoints = files.flatMap((file) =>
  (Object.keys(file.methods) as Method[]).map((method) => ({
    file,
    method,
    doc: file.definitions[method],
    params: [...file.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
  })),
);

const STACK_MARKERS = ['    at ', '.ts:', 'node_modules'];
const role = fc.constantFrom<Role>(
  'admin',
  'admin',
  'admin',
  'admin',
  'admin',
  'admin',
  'admin',
  'admin',
  'admin',
  'viewer',
);

function caseArbitrary(e: (typeof endpoints)[number]): fc.Arbitrary<Case> {
  const hasBody = e.method === 'POST' || e.method === 'PATCH' || e.method === 'PUT';
  const body = bodyCase(schemaKeys(e.doc?.body)).chain((b) =>
    role.map((r): Case => ({ kind: 'body', role: r, body: b })),
  );
  const query = queryCase(schemaKeys(e.doc?.query)).chain((q) =>
    role.map((r): Case => ({ kind: 'query', role: r, query: q })),
  );
  const arms: { weight: number; arbitrary: fc.Arbitrary<Case> }[] = [
    { weight: e.method === 'GET' ? 3 : 1, arbitrary: query },
  ];
  if (hasBody) arms.push({ weight: 2, arbitrary: body });
  const base = hasBody ? validBody(e.method, e.file.path, FAKE_WORLD) : undefined;
  if (base) {
    const keys = [...new Set([...Object.keys(base), ...schemaKeys(e.doc?.body)])];
    const field = fc
      .tuple(fc.constantFrom(...keys), hostileValue, role)
      .map(([key, value, r]): Case => ({ kind: 'field', role: r, key, value }));
    arms.push({ weight: 4, arbitrary: field });
    const textKeys = Object.keys(base).filter((k) => typeof base[k] === 'string');
    if (textKeys.length) {
      const suffix = fc
        .tuple(fc.constantFrom(...textKeys), fc.oneof(controlString, hostileString), role)
        .map(([key, sfx, r]): Case => ({ kind: 'suffix', role: r, key, suffix: sfx }));
      arms.push({ weight: 2, arbitrary: suffix });
    }
  }
  if (e.method !== 'GET') {
    const key = fc.tuple(idempotencyKey, role).map(([k, r]): Case => ({ kind: 'key', role: r, key: k }));
    arms.push({ weight: 1, arbitrary: key });
  }
  if (e.params.length) {
    const path = fc
      .tuple(fc.constantFrom(...e.params), badId, role)
      .map(([param, value, r]): Case => ({ kind: 'path', role: r, param, value }));
    arms.push({ weight: e.method === 'GET' ? 1 : 2, arbitrary: path });
  }
  return fc.oneof(...arms);
}

function mutate(base: Record<string, unknown>, c: Case): Record<string, unknown> {
  if (c.kind === 'field') return { ...base, [c.key]: c.value };
  if (c.kind === 'suffix') return { ...base, [c.key]: `${String(base[c.key])}${c.suffix}` };
  return base;
}

// Only the keys of the valid bodies are read when building the arbitraries.
const FAKE_WORLD: World = { customerId: '', ids: {} };

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h >>> 0;
}

const safeSegment = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return 'x';
  }
};

/** Would the route legitimately accept this input? (Then a 2xx is fine and writes are expected.) */
function mayAccept(
  e: (typeof endpoints)[number],
  c: Case,
  ids: Record<string, string>,
  sent: { body?: unknown; query: Record<string, string | string[]> },
): boolean {
  const valid = (schema: z.ZodType | undefined, value: unknown) => !schema || schema.safeParse(value).success;
  if (c.kind === 'path') return c.value.trim().toLowerCase() === ids[c.param];
  if (c.kind === 'key') return isValidIdempotencyKey(c.key) && valid(e.doc?.body, sent.body ?? {});
  if (c.kind === 'field' || c.kind === 'suffix') return valid(e.doc?.body, sent.body);
  if (c.kind === 'query') {
    const url = new URL('http://localhost/');
    for (const [k, v] of Object.entries(sent.query))
      for (const x of Array.isArray(v) ? v : [v]) url.searchParams.append(k, x);
    return valid(e.doc?.query, searchParamsToObject(url.searchParams));
  }
  // A body on a route that declares none is ignored; a multipart route never takes these bodies.
  if (!e.doc?.body) return !e.doc?.bodyContentType?.startsWith('multipart/');
  // An optional body (the schema accepts {}) sent as something other than JSON is read as "no body".
  if (c.body.kind === 'raw' && !c.body.contentType.includes('json') && valid(e.doc.body, {})) return true;
  // Raw text that is in fact a JSON object the schema takes (a non-strict schema drops unknown keys such as
  // `__proto__`: the intervention bodies ignore what the server computes itself) is valid input.
  if (c.body.kind === 'raw' && c.body.contentType === 'application/json') {
    try {
      return valid(e.doc.body, JSON.parse(c.body.text));
    } catch {
      return false;
    }
  }
  if (c.body.kind === 'raw' || c.body.mustFail) return false;
  return valid(e.doc.body, c.body.value);
}

let bearers: Record<Role, string>;
let owner: Awaited<ReturnType<typeof systemOwner>>;
let worlds: ReturnType<typeof worldPool>;
const timings: { name: string; ms: number; requests: number }[] = [];
const started = Date.now();

beforeAll(async () => {
  // Thousands of requests on one token: the per-token limit is tested in limits.test.ts, not here.
  setRateLimiter({
    hit: async () => ({ ok: true, count: 1, retryAfter: 0 }),
    peek: async () => ({ ok: true, count: 0, retryAfter: 0 }),
    undo: async () => {},
    extend: async () => {},
    reset: async () => {},
  });
  bearers = {
    admin: (await createBearer('admin')).authorization,
    viewer: (await createBearer('viewer')).authorization,
  };
  owner = await systemOwner();
  worlds = worldPool(owner);
});

afterAll(() => {
  setRateLimiter(undefined);
  const total = timings.reduce((n, t) => n + t.requests, 0);
  const slowest = [...timings]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5)
    .map((t) => `${t.name} ${t.ms} ms`);
  console.log(
    `[fuzz] ${timings.length} endpoints, ${total} requests in ${Date.now() - started} ms (seed ${SEED}); slowest: ${slowest.join(' · ')}`,
  );
});

describe(`fuzz (seed ${SEED})`, () => {
  it('covers every route file method', () => {
    expect(endpoints.length).toBeGreaterThan(30);
  });

  for (const e of endpoints) {
    const name = `${e.method} ${e.file.path}`;
    it(name, { timeout: 300_000 }, async () => {
      const t0 = Date.now();
      // The endpoint's cases share one world; the next endpoint gets a fresh one if any of them wrote.
      const world = await worlds.get();
      const ids = idsFor(e.file.path, world);
      const handler = e.file.methods[e.method]!;
      const cases = fc.sample(caseArbitrary(e), { seed: (SEED ^ hash(name)) >>> 0, numRuns: RUNS });
      const failures: string[] = [];
      let counts = await rowCounts();
      for (const [i, c] of cases.entries()) {
        const params = Object.fromEntries(
          e.params.map((p) => [p, c.kind === 'path' && c.param === p ? c.value : ids[p]]),
        );
        const path = e.file.path.replace(/\{(\w+)\}/g, (_, p: string) => safeSegment(params[p]));
        const body: BodyCase | undefined =
          c.kind === 'body'
            ? c.body
            : c.kind === 'field' || c.kind === 'suffix'
              ? { kind: 'json', value: mutate(validBody(e.method, e.file.path, world)!, c), mustFail: false }
              : c.kind === 'key' && validBody(e.method, e.file.path, world)
                ? { kind: 'json', value: validBody(e.method, e.file.path, world), mustFail: false }
                : undefined;
        const query = { ...validQuery(e.method, e.file.path), ...(c.kind === 'query' ? c.query : {}) };
        const res = await call(handler, {
          method: e.method,
          path,
          params,
          auth: bearers[c.role],
          query,
          rawBody: body ? (body.kind === 'raw' ? body.text : JSON.stringify(body.value)) : undefined,
          headers: {
            ...(body ? { 'content-type': body.kind === 'raw' ? body.contentType : 'application/json' } : {}),
            ...(c.kind === 'key' ? { 'idempotency-key': c.key } : {}),
          },
        });
        worlds.after(e.method, res.status);
        const after = await rowCounts();
        const what = `#${i} ${c.kind} as ${c.role}: ${JSON.stringify(c.kind === 'body' ? c.body : c.kind === 'field' ? { [c.key]: c.value } : c.kind === 'suffix' ? { [c.key]: `…${c.suffix}` } : c.kind === 'query' ? c.query : c.kind === 'key' ? { key: c.key } : { [c.param]: c.value }).slice(0, 160)}`;
        const problem = (msg: string) => failures.push(`${msg} — ${what} → ${res.status} ${res.text.slice(0, 200)}`);
        if (res.status >= 500) problem('5xx');
        else if (res.status >= 400) {
          if (
            !res.headers.get('content-type')?.includes('application/json') ||
            typeof res.body?.error?.code !== 'string' ||
            typeof res.body?.error?.message !== 'string'
          )
            problem('4xx without the error shape');
          const changed = Object.keys(after).filter((t) => after[t] !== counts[t]);
          if (changed.length) problem(`refused but rows changed in ${changed.join(', ')}`);
        } else if (res.status >= 300 || res.status < 200) problem('unexpected status');
        else if (
          c.role === 'viewer' &&
          e.doc?.permission &&
          e.doc.permission !== 'public' &&
          !['customer.read', 'finance.read', 'analytics.read', 'intervention.read'].includes(e.doc.permission)
        )
          problem('viewer got a 2xx on a route it may not use');
        else if (!mayAccept(e, c, ids, { body: body?.kind === 'json' ? body.value : undefined, query }))
          problem('2xx for input the route must refuse');
        if (res.status >= 400 && STACK_MARKERS.some((m) => res.text.includes(m)))
          problem('stack trace in the response');
        counts = after;
      }
      timings.push({ name, ms: Date.now() - t0, requests: cases.length });
      // Distinct problems only (the same bug shows up many times), with the seed to replay them.
      const distinct = [
        ...new Map(failures.map((f) => [f.split(' — ')[0] + f.split('→')[1]?.slice(0, 60), f])).values(),
      ];
      expect(distinct, `replay with FUZZ_SEED=${SEED}`).toEqual([]);
    });
  }
});

// Found by this fuzzer (500s at insert): PostgreSQL cannot store U+0000, nor a lone surrogate in jsonb.
describe('characters PostgreSQL cannot store → 422 naming the field, nothing written', () => {
  const route = (path: string, method: Method) =>
    endpoints.find((e) => e.file.path === path && e.method === method)!.file.methods[method]!;
  it.each([
    ['/api/customers/{id}/notes', 'POST', { body: 'Portail\u0000code' }, {}, 'body'],
    ['/api/customers/{id}/contacts', 'POST', { name: 'Jeanne', role: 'G\uD800' }, {}, 'role'],
    [
      '/api/customers/{id}/activities',
      'POST',
      { type: 'call', title: 'Appel', metadata: { 'k\u0000': 1 } },
      {},
      'metadata.k?',
    ],
    ['/api/customers', 'GET', undefined, { city: 'Lyon\u0000' }, 'city'],
    ['/api/customers', 'GET', undefined, { tag: 'x\u0000' }, 'tag'],
  ] as const)('%s %s', async (path, method, body, query, field) => {
    const world = await buildCustomerWorld(owner);
    const before = await rowCounts();
    const res = await call(route(path, method), {
      method,
      path,
      params: { id: world.customerId },
      auth: bearers.admin,
      query,
      ...(body ? { body } : {}),
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[field]).toEqual(['Caractère interdit (U+0000 ou Unicode invalide).']);
    expect(await rowCounts()).toEqual(before);
  });
});
