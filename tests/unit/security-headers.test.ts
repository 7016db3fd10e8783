import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER } from 'next/constants';
import { describe, expect, it } from 'vitest';
import config from '@/next.config';

/**
 * The security headers next.config.ts sends on every path (SPEC issue 10, session security). The
 * served headers are checked by tests/e2e/security-headers.spec.ts against the production server.
 */

/** Next's `source` patterns as used here: `/:path*` (everything) or a regex path like `/((?!x).*)`. */
function matches(source: string, path: string): boolean {
  if (source === '/:path*') return true;
  if (source.startsWith('/(')) return new RegExp(`^${source}$`).test(path);
  throw new Error(`source pattern not understood by this test: ${source}`);
}

/** The headers next.config sends for a path (later rules override earlier ones, as in Next). */
async function headersFor(
  phase: string,
  path = '/customers/00000000-0000-4000-8000-000000000000',
): Promise<Map<string, string>> {
  const rules = (await config(phase).headers?.()) ?? [];
  const map = new Map<string, string>();
  for (const r of rules) if (matches(r.source, path)) for (const h of r.headers) map.set(h.key.toLowerCase(), h.value);
  return map;
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((p) => p[0])
      .map(([name, ...values]) => [name.toLowerCase(), values]),
  );
}

describe.each([PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER])('next.config headers in %s', (phase) => {
  it('apply to pages and API routes alike', async () => {
    for (const path of ['/', '/login', '/customers/abc/documents', '/api/customers', '/api/customers/abc/documents']) {
      const map = await headersFor(phase, path);
      expect(map.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(map.get('x-content-type-options'), path).toBe('nosniff');
    }
    expect(config(phase).poweredByHeader).toBe(false);
  });

  it('document downloads keep the CSP their route sets (no global CSP/X-Frame-Options over it), still nosniff', async () => {
    const map = await headersFor(phase, '/api/customers/abc/documents/def');
    expect(map.get('content-security-policy')).toBeUndefined();
    expect(map.get('x-content-type-options')).toBe('nosniff');
  });

  it("CSP: no 'unsafe-eval', frame-ancestors 'none', no plugins, no base or form hijack", async () => {
    const map = await headersFor(phase);
    const csp = directives(map.get('content-security-policy')!);
    for (const [name, values] of csp) expect(values, name).not.toContain("'unsafe-eval'");
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    // Scripts only from the app itself (no wildcard or remote host).
    expect(
      csp.get('script-src')!.filter((v) => !["'self'", "'unsafe-inline'"].includes(v) && !v.startsWith("'nonce-")),
    ).toEqual([]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    // The offline service worker is the app's own script (public/sw.js).
    expect(csp.get('worker-src')).toEqual(["'self'"]);
  });

  it('Referrer-Policy, nosniff, frame denial', async () => {
    const map = await headersFor(phase);
    expect(['strict-origin-when-cross-origin', 'same-origin', 'no-referrer', 'strict-origin']).toContain(
      map.get('referrer-policy'),
    );
    expect(map.get('x-content-type-options')).toBe('nosniff');
    expect(map.get('x-frame-options')).toBe('DENY');
  });

  it('Permissions-Policy: geolocation and camera for this origin only; microphone off', async () => {
    const map = await headersFor(phase);
    const policy = new Map(
      map
        .get('permissions-policy')!
        .split(',')
        .map((d) => d.trim().split('='))
        .map(([k, v]) => [k, v]),
    );
    expect(policy.get('geolocation')).toBe('(self)');
    expect(policy.get('camera')).toBe('(self)');
    expect(policy.get('microphone')).toBe('()');
  });
});

it("development keeps 'unsafe-eval' (React's dev tooling needs it) and only there", async () => {
  const map = await headersFor(PHASE_DEVELOPMENT_SERVER);
  expect(map.get('content-security-policy')).toContain("'unsafe-eval'");
});
