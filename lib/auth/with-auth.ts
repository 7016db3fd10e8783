import { eq } from 'drizzle-orm';
import { getToken } from 'next-auth/jwt';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { authSecret } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { errorResponse } from '@/lib/http/responses';
import { assertSameOriginWrite } from '@/lib/http/same-origin';
import { getRateLimiter, LIMITS } from '@/lib/rate-limit';
import type { Actor } from './actor';
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
  const [user] = await getDb().select().from(users).where(eq(users.id, uid)).limit(1);
  if (!user || !user.active) return null;
  return { kind: 'user', id: user.id, name: user.name, role: user.role };
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

export interface HandlerContext<P> {
  actor: Actor;
  params: P;
}

type RouteContext = { params: Promise<Record<string, string>> };

/**
 * Every API route handler is wrapped: authentication (401), same origin for cookie writes (403),
 * permission (403), then the handler;
 * any thrown error becomes the JSON error shape. `permission: null` means "signed in" only.
 */
export function withAuth<P extends Record<string, string> = Record<string, string>>(
  handler: (req: Request, ctx: HandlerContext<P>) => Promise<Response>,
  options: { permission: Permission | null },
) {
  return async (req: Request, context: RouteContext): Promise<Response> => {
    try {
      const actor = await authenticateRequest(req);
      if (!actor) throw AppError.unauthorized();
      // No Authorization header: the browser session cookie authenticated this request (CSRF check).
      if (!req.headers.has('authorization')) assertSameOriginWrite(req);
      if (options.permission && !can(actor.role, options.permission)) throw AppError.forbidden();
      const params = ((await context?.params) ?? {}) as P;
      return await handler(req, { actor, params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
