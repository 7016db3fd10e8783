import { env } from '@/lib/env';

/**
 * Behind Next's server a route handler's request names the internal host (http://localhost:PORT), not the
 * address the browser used; next-auth builds the OIDC redirect_uri of the token request from it, which then
 * differs from the authorization request's (oidc-provider: "authorization code redirect_uri mismatch").
 * With APP_URL set, next-auth's endpoints see the request at APP_URL instead.
 */
export function publicRequest(req: Request): Request {
  const base = env().APP_URL;
  if (!base) return req;
  const { origin } = new URL(base);
  // req.url, not req.nextUrl: the latter already follows the Host header, the former (what Auth.js reads) does not.
  const url = new URL(req.url);
  if (url.origin === origin) return req;
  // A plain Request: a NextRequest would take its URL's host back from the Host header.
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : req.body;
  return new Request(`${origin}${url.pathname}${url.search}`, {
    method: req.method,
    headers: req.headers,
    body,
    ...(body ? { duplex: 'half' } : {}),
  } as RequestInit);
}
