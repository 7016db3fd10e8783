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

export interface RouteDoc {
  method: HttpMethod;
  /** OpenAPI path, e.g. `/api/customers/{id}`; `{name}` segments become path parameters. */
  path: string;
  summary: string;
  tag: string;
  /** null = any signed-in caller; 'public' = no authentication. */
  permission: Permission | null | 'public';
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Non-JSON request bodies (multipart uploads). */
  bodyContentType?: string;
  responses: RouteResponse[];
}

const routes: RouteDoc[] = [];

/**
 * Each domain declares its routes in lib/openapi/routes/<domain>.ts with `registerRoutes([...])`
 * and lib/openapi/document.ts imports that file: the document is generated from the same zod
 * schemas the handlers parse with.
 */
export function registerRoutes(list: RouteDoc[]): void {
  for (const r of list) {
    if (!routes.some((x) => x.method === r.method && x.path === r.path)) routes.push(r);
  }
}

export function registeredRoutes(): readonly RouteDoc[] {
  return routes;
}
