import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The hosts the browser may have addressed: its `Host` header (the URL Next builds for a route handler names
 * the address the server listens on, not the one the browser used), and, when TRUSTED_PROXIES declares a
 * reverse proxy in front of the app, the `X-Forwarded-Host` that proxy set (the last entry, as for
 * X-Forwarded-For). Without a declared proxy that header is not read.
 */
function requestHosts(req: Request): string[] {
  const hosts = [req.headers.get('host') ?? new URL(req.url).host];
  const forwarded = req.headers.get('x-forwarded-host');
  if (forwarded && env().TRUSTED_PROXIES) hosts.push(forwarded.split(',').pop()!);
  return hosts.map((h) => h.trim().toLowerCase());
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Did the app's own pages send this request? `Sec-Fetch-Site` is set by the browser and cannot be changed
 * by a page, so when present it decides (`same-origin`, or `none` for a request the user typed); `same-site`
 * is refused too, since SameSite=Lax cookies do not stop a sibling subdomain. Older browsers: the `Origin`
 * must name the host the request was sent to. Neither header (a non-browser client with a copied cookie) is
 * refused: such clients use bearer tokens.
 */
export function isSameOrigin(req: Request): boolean {
  const site = req.headers.get('sec-fetch-site');
  if (site) return site === 'same-origin' || site === 'none';
  const origin = req.headers.get('origin');
  const host = origin ? originHost(origin) : null;
  return !!host && requestHosts(req).includes(host);
}

/** Cookie-authenticated POST/PUT/PATCH/DELETE from anywhere but the app itself → 403 (cross-site request forgery). */
export function assertSameOriginWrite(req: Request): void {
  if (SAFE_METHODS.has(req.method.toUpperCase()) || isSameOrigin(req)) return;
  throw AppError.forbidden(
    'Requête refusée : elle ne provient pas de l’application (origine absente ou différente). Rechargez la page et réessayez ; un script doit utiliser un jeton d’API.',
  );
}
