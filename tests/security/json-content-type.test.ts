import { beforeAll, describe, expect, it } from 'vitest';
import { createBearer } from '../factories';
import { call } from '../factories/http';
import { diffDumps, dumpRows } from './db-state';
import { buildCustomerWorld, endpoints, fill, loadRoutes, type RouteFile, systemOwner, type World } from './routes';
import { validBody } from './valid-requests';

/**
 * A JSON body is read only when it says it is JSON (`application/json` or `application/*+json`, any
 * parameters): anything else is a 415 before the body is read, and nothing is written. A `text/plain` or
 * form-encoded POST is what a cross-site HTML form can send without a preflight; it must not be taken as JSON.
 */

let files: RouteFile[];
let admin: string;
let owner: Awaited<ReturnType<typeof systemOwner>>;

beforeAll(async () => {
  files = await loadRoutes();
  admin = (await createBearer('admin')).authorization;
  owner = await systemOwner();
});

/** Every route that reads a JSON body (its definition has a body schema and no other content type). */
function jsonRoutes() {
  return endpoints(files)
    .filter(({ definition: d }) => d.body && !d.bodyContentType)
    .map(({ file, method }) => ({ method, path: file.path, handler: file.methods[method]! }));
}

function send(route: ReturnType<typeof jsonRoutes>[number], world: World, rawBody: string | Uint8Array, type?: string) {
  const { url, params } = fill(route.path, world);
  return call(route.handler, {
    method: route.method,
    path: url,
    params,
    auth: admin,
    rawBody,
    headers: type === undefined ? {} : { 'content-type': type },
  });
}

describe('JSON bodies need a JSON content type', () => {
  it('every JSON route: a valid body sent as text/plain, form-encoded, XML or without a type → 415, nothing written', async () => {
    const routes = jsonRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(20);
    const world = await buildCustomerWorld(owner);
    const failures: string[] = [];
    const before = await dumpRows();
    for (const route of routes) {
      const body = JSON.stringify(validBody(route.method, route.path, world) ?? {});
      for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'text/xml']) {
        const res = await send(route, world, body, type);
        if (res.status !== 415 || res.body?.error?.code !== 'unsupported_media_type')
          failures.push(`${route.method} ${route.path} as ${type}: ${res.status} ${res.text.slice(0, 120)}`);
      }
      // A byte body gets no Content-Type from fetch: not declared JSON, so not read as JSON.
      const untyped = await send(route, world, new TextEncoder().encode(body));
      if (untyped.status !== 415)
        failures.push(`${route.method} ${route.path} without a type: ${untyped.status} ${untyped.text.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
    expect(diffDumps(before, await dumpRows())).toEqual({});
  });

  it('the 415 says what to send, in French', async () => {
    const route = jsonRoutes().find((r) => r.path === '/api/customers/{id}/notes' && r.method === 'POST')!;
    const res = await send(route, await buildCustomerWorld(owner), '{"body":"x"}', 'text/plain');
    expect(res.status).toBe(415);
    expect(res.body.error.message).toMatch(/application\/json/);
    expect(res.body.error.message).toMatch(/JSON/);
  });

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON;charset=UTF-8',
    'application/merge-patch+json',
    'application/vnd.customer360+json; version=1',
  ])('%s is JSON: the note is created', async (type) => {
    const route = jsonRoutes().find((r) => r.path === '/api/customers/{id}/notes' && r.method === 'POST')!;
    const res = await send(route, await buildCustomerWorld(owner), '{"body":"Note typée"}', type);
    expect(res.status, res.text).toBe(201);
  });

  it.each(['application/jsonp', 'text/json', 'application/json-seq', 'application/x-json+xml', 'json', ''])(
    '%j is not JSON → 415',
    async (type) => {
      const route = jsonRoutes().find((r) => r.path === '/api/customers/{id}/notes' && r.method === 'POST')!;
      const res = await send(route, await buildCustomerWorld(owner), '{"body":"Note"}', type);
      expect(res.status, res.text).toBe(415);
    },
  );

  it('the optional body of POST …/duplicate: none → read as {} (422: the copy needs a way to be reached), a non-JSON one → 415', async () => {
    const route = files.find((f) => f.path === '/api/customers/{id}/duplicate')!;
    const world = await buildCustomerWorld(owner);
    const { url, params } = fill(route.path, world);
    const none = await call(route.methods.POST!, { method: 'POST', path: url, params, auth: admin });
    expect(none.status, none.text).toBe(422);
    expect(none.body.error.fields.email).toBeDefined();
    const typed = await call(route.methods.POST!, {
      method: 'POST',
      path: url,
      params,
      auth: admin,
      rawBody: '{"keepPhones":true}',
      headers: { 'content-type': 'text/plain' },
    });
    expect(typed.status, typed.text).toBe(415);
    const json = await call(route.methods.POST!, {
      method: 'POST',
      path: url,
      params,
      auth: admin,
      body: { keepPhones: true },
    });
    expect(json.status, json.text).toBe(201);
  });
});
