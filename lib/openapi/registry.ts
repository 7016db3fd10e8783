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
