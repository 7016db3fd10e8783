import { expect, type Page, test } from '@playwright/test';
import { startOidcProvider } from './oidc-provider';
import { emptyDataDir, npmRunUser, type OwnServer, startApp } from './own-server';

/**
 * README "Single sign-on": against a real OpenID provider on loopback. An unknown person is refused; an
 * invited technician signs in, and stays a technician although the provider says "c360-admins" (the
 * role comes from the app unless OIDC_ROLE_CLAIM maps it).
 */
const APP_PORT = Number(process.env.E2E_SSO_PORT ?? 3127);
const IDP_PORT = Number(process.env.E2E_IDP_PORT ?? 3128);
const CLIENT = { id: 'customer-360', secret: 'e2e-client-secret-not-for-production' };

test.setTimeout(300_000);

let server: OwnServer | undefined;
let idp: Awaited<ReturnType<typeof startOidcProvider>> | undefined;
test.afterAll(async () => {
  await server?.stop();
  await idp?.close();
});

async function signInWithSso(page: Page, login: string) {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Se connecter avec Garage SSO' }).click();
  // The provider's development login page, then its consent page.
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  // First visit of this browser: the provider asks for consent once.
  const consent = page.getByRole('button', { name: 'Continue' });
  await consent
    .waitFor({ timeout: 10_000 })
    .then(() => consent.click())
    .catch(() => undefined);
}

test('SSO: unknown person refused, invited person accepted with the role the app gave', async ({ browser }) => {
  test.skip(test.info().project.name !== 'desktop', 'one journey');
  idp = await startOidcProvider(IDP_PORT, {
    ...CLIENT,
    redirectUri: `http://127.0.0.1:${APP_PORT}/api/auth/callback/oidc`,
  });
  const env = {
    DEMO: '0',
    DATA_DIR: await emptyDataDir('sso'),
    APP_URL: `http://127.0.0.1:${APP_PORT}`,
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: CLIENT.id,
    OIDC_CLIENT_SECRET: CLIENT.secret,
    OIDC_NAME: 'Garage SSO',
  };
  // Before the app runs (PGlite: one process at a time): the admin invites the technician from the CLI.
  await npmRunUser(['--email', 'tech@garage.fr', '--name', 'Tech Invité', '--role', 'technician'], env);
  server = await startApp(env, APP_PORT);

  // One browser per person: the provider remembers who signed in.
  const stranger = await browser.newContext({ baseURL: server.url, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  let page = await stranger.newPage();
  await signInWithSso(page, 'inconnu@garage.fr');
  await expect(page).toHaveURL(/\/login\?error=sso_unknown/);
  await expect(page.getByText('Aucun compte n’existe pour cette identité')).toBeVisible();
  expect((await page.request.get('/api/customers')).status()).toBe(401);
  await stranger.close();

  const context = await browser.newContext({ baseURL: server.url, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  page = await context.newPage();
  await signInWithSso(page, 'tech@garage.fr');
  await expect(page).toHaveURL(/\/ma-journee/); // a technician lands on Ma journée (app/page.tsx)
  await expect(page.getByTestId('current-user')).toContainText('Technicien');
  await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);
  expect((await page.request.get('/api/users')).status()).toBe(403);
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/forbidden/);
  await context.close();
});
