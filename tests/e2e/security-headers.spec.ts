import { type APIResponse, expect, type Page, type Request, test } from '@playwright/test';
import { DEMO_PASSWORD, login } from './helpers';

/**
 * Session security against the production server (issue 10): security headers as served,
 * session cookie flags (HttpOnly, SameSite=Lax, Secure + __Secure- behind an HTTPS proxy),
 * server actions refusing a foreign Origin, spoofed middleware headers on pages.
 * Runs once (desktop project): nothing here depends on the viewport.
 */

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'headers and cookies do not depend on the viewport');
});

const SESSION = 'authjs.session-token';

function headerMap(res: APIResponse) {
  return res.headers();
}

function expectSecurityHeaders(h: Record<string, string>, what: string) {
  const csp = h['content-security-policy'] ?? '';
  expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${what}: CSP`).not.toContain('unsafe-eval');
  expect(csp, `${what}: CSP`).toContain("object-src 'none'");
  expect(h['referrer-policy'], `${what}: Referrer-Policy`).toBe('strict-origin-when-cross-origin');
  const pp = h['permissions-policy'] ?? '';
  expect(pp, `${what}: Permissions-Policy`).toMatch(/geolocation=\(self\)/);
  expect(pp, `${what}: Permissions-Policy`).toMatch(/camera=\(self\)/);
  expect(h['x-content-type-options'], `${what}: nosniff`).toBe('nosniff');
  expect(h['x-frame-options'], `${what}: X-Frame-Options`).toBe('DENY');
  expect(h['x-powered-by'], `${what}: X-Powered-By`).toBeUndefined();
}

/** Submits the login form and returns the server action request it sent and its Set-Cookie lines. */
async function loginCapturingAction(page: Page, role = 'viewer') {
  let action: Request | undefined;
  const setCookies: string[] = [];
  page.on('response', async (res) => {
    const req = res.request();
    if (req.method() === 'POST' && req.headers()['next-action']) {
      action = req;
      for (const h of await res.headersArray()) if (h.name.toLowerCase() === 'set-cookie') setCookies.push(h.value);
    }
  });
  await page.goto('/login');
  await page.getByLabel('Adresse e-mail').fill(`${role}@demo.local`);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect
    .poll(() => setCookies.some((c) => c.includes(SESSION)), { message: 'the login action set a session cookie' })
    .toBe(true);
  return { action: action!, setCookies };
}

test.describe('security headers as served', () => {
  test('pages and API answers carry CSP, Referrer-Policy, Permissions-Policy, nosniff, DENY', async ({ request }) => {
    for (const path of ['/login', '/api/health', '/api/openapi.json']) {
      const res = await request.get(path, { maxRedirects: 0 });
      expectSecurityHeaders(headerMap(res), path);
    }
    // A protected page answers with its redirect, with the same headers.
    const page = await request.get('/customers', { maxRedirects: 0 });
    expectSecurityHeaders(headerMap(page), '/customers');
  });
});

test.describe('session cookie', () => {
  test('HttpOnly and SameSite=Lax over plain HTTP', async ({ page, context }) => {
    await login(page, 'viewer');
    const cookie = (await context.cookies()).find((c) => c.name === SESSION);
    expect(cookie, 'session cookie').toBeDefined();
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe('Lax');
    expect(cookie!.path).toBe('/');
  });

  test('behind an HTTPS proxy (x-forwarded-proto: https) the session cookie is Secure and __Secure- prefixed', async ({
    page,
  }) => {
    // What a TLS-terminating reverse proxy sends. next-auth (no AUTH_URL set) takes the protocol
    // from this header for the sign-in action; with AUTH_URL=https://… it would come from there.
    await page.context().setExtraHTTPHeaders({ 'x-forwarded-proto': 'https' });
    const { setCookies } = await loginCapturingAction(page);
    const session = setCookies.find((c) => c.includes(SESSION))!;
    expect(session.startsWith(`__Secure-${SESSION}=`), session).toBe(true);
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
  });

  test('the next-auth CSRF cookie is Secure behind an HTTPS proxy too', async ({ request }) => {
    const res = await request.get('/api/auth/csrf', { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.status()).toBe(200);
    const cookies = (await res.headersArray()).filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);
    const csrf = cookies.find((c) => c.includes('authjs.csrf-token'));
    expect(csrf, `Set-Cookie: ${cookies.join(' | ')}`).toBeDefined();
    expect(csrf!).toMatch(/^__Host-authjs\.csrf-token=/);
    expect(csrf!).toMatch(/;\s*Secure/i);
  });
});

test.describe('server actions and cross-origin requests', () => {
  test('a server action replayed with a foreign Origin is refused and signs nobody in', async ({ page, request }) => {
    const { action } = await loginCapturingAction(page, 'manager');
    const headers = { ...action.headers() };
    delete headers.cookie;
    const body = action.postDataBuffer()!;
    const url = new URL(action.url());
    const replay = (origin: string) =>
      request.post(url.pathname + url.search, {
        headers: { ...headers, origin, host: url.host },
        data: body,
        maxRedirects: 0,
      });

    // Control: the same replay from the app's own origin works (the capture is a real, valid action call).
    const same = await replay(url.origin);
    const sameCookies = (await same.headersArray())
      .filter((h) => h.name.toLowerCase() === 'set-cookie')
      .map((h) => h.value);
    expect(
      sameCookies.some((c) => c.includes(SESSION)),
      `same-origin replay: ${same.status()}`,
    ).toBe(true);

    const evil = await replay('http://evil.example');
    const evilCookies = (await evil.headersArray())
      .filter((h) => h.name.toLowerCase() === 'set-cookie')
      .map((h) => h.value);
    expect(
      evilCookies.filter((c) => c.includes(SESSION)),
      'no session from a cross-origin action',
    ).toEqual([]);
    expect(evil.status(), 'cross-origin action status').toBeGreaterThanOrEqual(400);
  });

  test('x-middleware-subrequest and other internal headers do not open a protected page', async ({ request }) => {
    const plain = await request.get('/customers', { maxRedirects: 0 });
    for (const headers of <Record<string, string>[]>[
      { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
      { 'x-middleware-subrequest': 'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware' },
      { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' },
      {
        'x-invoke-path': '/customers',
        'x-nextjs-data': '1',
        'x-user-role': 'admin',
        'x-forwarded-user': 'admin@demo.local',
      },
    ]) {
      const res = await request.get('/customers', { headers, maxRedirects: 0 });
      expect(res.status(), JSON.stringify(headers)).toBe(plain.status());
      expect(res.headers().location ?? '', JSON.stringify(headers)).toBe(plain.headers().location ?? '');
      expect(await res.text()).not.toContain('Clients</h1>');
    }
    const api = await request.get('/api/customers', {
      headers: { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
    });
    expect(api.status()).toBe(401);
  });
});
