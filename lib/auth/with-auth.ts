import { getToken } from 'next-auth/jwt';
import type { z } from 'zod';
import { getDb } from '@/db';
import { authSecret } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { idempotencyKeyOf, idempotent } from '@/lib/http/idempotency';
import {
  parseJson,
  parseOptionalJson,
  parsePathIds,
  parseQuery,
  pathParamNames,
  PATH_ID_LABELS,
} from '@/lib/http/parse';
import { errorResponse } from '@/lib/http/responses';
import { assertSameOriginWrite } from '@/lib/http/same-origin';
import type { RouteDef } from '@/lib/openapi/registry';
import { getRateLimiter, LIMITS } from '@/lib/rate-limit';
import { type Actor, activeUserActor } from './actor';
import { can, type Permission } from './permissions';
import { authenticateToken } from './tokens';

/** Session cookie (either cookie name, http or https) → the user as they are now in the database. */
async function actorFromSession(req: Request): Promise<Actor | null> {
  const secret = authSecret();
  const cookie = req.headers.get('cookie') ?? '';
  const secureCookie = cookie.includes('__Secure-authjs.session-token');
  if (!cookie.includes('authjs.session-token')) return null;
  // Only the cookie: an Authorization header is ours (API tokens), not a session JWT.
  const headers = new Headers({ cookie });
  const token = await getToken({ req: { headers }, secret, secureCookie });
  const uid = typeof token?.uid === 'string' ? token.uid : null;
  if (!uid) return null;
  return activeUserActor(getDb(), uid, token?.sv);
}

/** Bearer token first (external systems), else the browser session. Null when anonymous. */
export async function authenticateRequest(req: Request): Promise<Actor | null> {
  const authorization = req.headers.get('authorization');
  let actor: Actor | null;
  if (authorization) {
    const [scheme, value] = authorization.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !value) throw AppError.unauthorized('En-tête Authorization invalide.');
    actor = await authenticateToken(getDb(), value.trim());
    if (!actor) throw AppError.unauthorized('Jeton invalide, révoqué ou expiré.');
    const limit = await getRateLimiter().hit(`token:${actor.id}`, LIMITS.token.limit, LIMITS.token.windowSeconds);
    if (!limit.ok) throw AppError.rateLimited(limit.retryAfter);
  } else {
    actor = await actorFromSession(req);
  }
  if (!actor) return null;
  return { ...actor, ip: clientIp(req.headers), userAgent: req.headers.get('user-agent')?.slice(0, 512) ?? null };
}

/** `/api/customers/{id}/notes/{noteId}` → `{ id: string; noteId: string }`. */
type ParamNames<P extends string> = P extends `${string}{${infer K}}${infer Rest}` ? K | ParamNames<Rest> : never;
type QueryOf<D> = D extends { query: infer Q extends z.ZodType } ? z.infer<Q> : undefined;
type BodyOf<D> = D extends { bodyContentType: string }
  ? undefined
  : D extends { body: infer B extends z.ZodType }
    ? D extends { optionalBody: true }
      ? z.infer<B> | undefined
      : z.infer<B>
    : undefined;

/** What a handler gets, typed from its definition: path ids checked, query and JSON body parsed. */
export interface HandlerContext<D extends RouteDef> {
  req: Request;
  actor: Actor;
  params: { [K in ParamNames<D['path']>]: string };
  query: QueryOf<D>;
  body: BodyOf<D>;
}

type RouteContext = { params?: Promise<Record<string, string | string[] | undefined>> };

/** A Next route handler that carries its definition (the security suites read it from there). */
export type RouteHandler = ((req: Request, context: RouteContext) => Promise<Response>) & { definition: RouteDef };

function assertLabelled(definition: RouteDef): void {
  for (const name of pathParamNames(definition.path))
    if (!PATH_ID_LABELS[name]) throw new Error(`${definition.path}: no label for {${name}} in PATH_ID_LABELS`);
}

/** The JSON body the definition declares; multipart and other bodies are left to the handler (`req`). */
async function readBody(req: Request, definition: RouteDef): Promise<unknown> {
  if (!definition.body || definition.bodyContentType) return undefined;
  return definition.optionalBody ? parseOptionalJson(req, definition.body) : parseJson(req, definition.body);
}

/**
 * Every API route handler: authentication (401), same origin for cookie writes (403), the definition's
 * permission (403; `null` = any signed-in caller), the `Idempotency-Key` header of a write (400 when
 * malformed), path ids (404 when malformed), query and JSON body (400, 413, 415, 422), then the handler —
 * once per key and caller (lib/http/idempotency.ts). Any thrown error becomes the JSON error shape.
 */
export function withAuth<const D extends RouteDef & { permission: Permission | null }>(
  definition: D,
  handler: (ctx: HandlerContext<D>) => Promise<Response>,
): RouteHandler {
  assertLabelled(definition);
  const route = async (req: Request, context: RouteContext): Promise<Response> => {
    try {
      const actor = await authenticateRequest(req);
      if (!actor) throw AppError.unauthorized();
      // No Authorization header: the browser session cookie authenticated this request (CSRF check).
      if (!req.headers.has('authorization')) assertSameOriginWrite(req);
      if (definition.permission && !can(actor.role, definition.permission)) throw AppError.forbidden();
      const idempotencyKey = idempotencyKeyOf(req);
      const params = parsePathIds(definition.path, (await context?.params) ?? {});
      const query = definition.query ? parseQuery(req, definition.query) : undefined;
      const run = async (request: Request) => {
        const body = await readBody(request, definition);
        return handler({ req: request, actor, params, query, body } as HandlerContext<D>);
      };
      if (!idempotencyKey) return await run(req);
      const readsBody = Boolean(definition.body || definition.bodyContentType);
      return await idempotent(getDb(), actor, idempotencyKey, req, readsBody, run);
    } catch (error) {
      return errorResponse(error);
    }
  };
  return Object.assign(route, { definition });
}

/** A route anyone may call (health, the OpenAPI document): no authentication, errors in the JSON shape. */
export function publicRoute<const D extends RouteDef & { permission: 'public' }>(
  definition: D,
  handler: (req: Request) => Promise<Response>,
): RouteHandler {
  const route = async (req: Request): Promise<Response> => {
    try {
      return await handler(req);
    } catch (error) {
      return errorResponse(error);
    }
  };
  return Object.assign(route, { definition });
}
