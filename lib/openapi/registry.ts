import type { z } from 'zod';
import type { Permission } from '@/lib/auth/permissions';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteResponse {
  status: number;
  description: string;
  /** Optional zod schema of the body (documented as its input shape). */
  schema?: z.ZodType;
  contentType?: string;
}

/**
 * One API endpoint, declared once: `withAuth(definition, handler)` enforces its permission and parses its
 * path ids, query and body with these schemas; the OpenAPI document is generated from the same object.
 */
export interface RouteDef {
  method: HttpMethod;
  /** OpenAPI path, e.g. `/api/customers/{id}`; `{name}` segments are path ids (UUIDs, labelled in lib/http/parse.ts). */
  path: string;
  summary: string;
  tag: string;
  /** null = any signed-in caller; 'public' = no authentication. */
  permission: Permission | null | 'public';
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Non-JSON request bodies (multipart uploads): documented, not parsed; the handler reads `req`. */
  bodyContentType?: string;
  /** The JSON body may be left out: the handler then gets `body: undefined`. */
  optionalBody?: boolean;
  responses: readonly RouteResponse[];
}

const routes: RouteDef[] = [];

/**
 * Declares an endpoint (lib/openapi/routes/<domain>.ts, imported by lib/openapi/document.ts) and registers
 * it for the OpenAPI document. A later definition of the same method and path replaces the earlier one
 * (a module reloaded in development).
 */
export function defineRoute<const D extends RouteDef>(definition: D): D {
  const index = routes.findIndex((r) => r.method === definition.method && r.path === definition.path);
  if (index >= 0) routes[index] = definition;
  else routes.push(definition);
  return definition;
}

export function registeredRoutes(): readonly RouteDef[] {
  return routes;
}

/** What a route declares besides its method, path and tag (those come from `routesOf(tag).<method>(path, …)`). */
export type RouteSpec = Omit<RouteDef, 'method' | 'path' | 'tag'>;

/**
 * The `defineRoute` of one domain file: `const route = routesOf('contacts')`, then
 * `route.get('/api/customers/{id}/contacts', { permission, summary, responses })` fills in the method and
 * the tag, so a declaration carries only what is particular to it. Literal types are kept (withAuth reads
 * the path ids, query and body from them).
 */
export function routesOf(tag: string) {
  const method =
    <M extends HttpMethod>(m: M) =>
    <const P extends string, const S extends RouteSpec>(path: P, spec: S) =>
      defineRoute({ ...spec, method: m, path, tag });
  return {
    get: method('get'),
    post: method('post'),
    put: method('put'),
    patch: method('patch'),
    delete: method('delete'),
  };
}

/** A 200 response (the common case). */
export const ok = (description: string): RouteResponse => ({ status: 200, description });

/** 201 with the created item. */
export const created = (description: string): RouteResponse => ({ status: 201, description });

/** 204 of a successful delete. */
export const deleted: RouteResponse = { status: 204, description: 'Supprimé.' };

/** `{ data: [...] }`: an unpaged list. */
export const dataList: RouteResponse = ok('`{ data: [...] }`');

/**
 * The five routes of a customer's child collection (contacts, vehicles: lib/children/collection.ts):
 * list and read for `customer.read`, add, update and delete for `customer.field-update`.
 */
export function childCollectionRoutes<
  const P extends string,
  const K extends string,
  C extends z.ZodType,
  U extends z.ZodType,
>(def: {
  tag: string;
  /** The collection, e.g. `/api/customers/{id}/contacts`; `param` names the item's id segment. */
  path: P;
  param: K;
  /** Summaries: « Contacts of a customer », « One contact… ». */
  plural: string;
  one: string;
  /** The item as a response (« Contact »). */
  item: string;
  createSummary: string;
  createSchema: C;
  updateSchema: U;
}) {
  const route = routesOf(def.tag);
  const itemPath = `${def.path}/{${def.param}}` as `${P}/{${K}}`;
  const item = ok(def.item);
  return {
    list: route.get(def.path, {
      permission: 'customer.read',
      summary: `${def.plural} of a customer`,
      responses: [dataList],
    }),
    create: route.post(def.path, {
      permission: 'customer.field-update',
      summary: def.createSummary,
      body: def.createSchema,
      responses: [{ ...item, status: 201 }],
    }),
    get: route.get(itemPath, {
      permission: 'customer.read',
      summary: `One ${def.one} (404 when it belongs to another customer)`,
      responses: [item],
    }),
    update: route.patch(itemPath, {
      permission: 'customer.field-update',
      summary: `Partial update of a ${def.one}`,
      body: def.updateSchema,
      responses: [item],
    }),
    delete: route.delete(itemPath, {
      permission: 'customer.field-update',
      summary: `Delete a ${def.one}`,
      responses: [deleted],
    }),
  };
}
