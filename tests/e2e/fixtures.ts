import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, type DemoRole } from './helpers';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * Signs in once per role and per worker (the UI login form, like a person would), then every test
 * that declares `test.use({ role })` starts already signed in: the suite stays well under its time
 * budget instead of paying a login per test.
 */
async function signIn(browser: Browser, baseURL: string, role: DemoRole): Promise<StorageState> {
  const context = await browser.newContext({ baseURL, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  try {
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Adresse e-mail').fill(`${role}@demo.local`);
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    // Technicians land on their day, the others on the customer list (app/page.tsx).
    await expect(page).toHaveURL(role === 'technician' ? /\/ma-journee/ : /\/customers/, { timeout: 30_000 });
    return await context.storageState();
  } finally {
    await context.close();
  }
}

export const test = base.extend<{ role: DemoRole | null }, { sessions: Map<DemoRole, Promise<StorageState>> }>({
  role: [null, { option: true }],
  sessions: [
    async ({}, use) => {
      await use(new Map());
    },
    { scope: 'worker' },
  ],
  storageState: async ({ role, sessions, browser, baseURL, storageState }, use) => {
    if (!role) return use(storageState);
    let state = sessions.get(role);
    if (!state) {
      state = signIn(browser, baseURL!, role);
      sessions.set(role, state);
      // A failed login must not poison the following tests.
      state.catch(() => sessions.delete(role));
    }
    await use(await state);
  },
});

export { expect };

export const isPhone = (page: Page) => (page.viewportSize()?.width ?? 1280) < 768;

/** A fresh customer (POST /api/customers as the signed-in page), for tests that mutate data. */
export async function createCustomer(
  page: Page,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; name: string }> {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  const lastName = `E2e${suffix}`;
  const res = await page.request.post('/api/customers', {
    // What the browser adds to its own requests; a cookie-authenticated write without it is refused (CSRF).
    headers: { 'sec-fetch-site': 'same-origin' },
    data: {
      kind: 'individual',
      firstName: 'Test',
      lastName,
      email: `e2e-${suffix}@exemple.fr`,
      postalCode: '69002',
      city: 'Lyon',
      ...overrides,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const body = await res.json();
  const id = (body.data?.id ?? body.id) as string;
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return { id, name: `Test ${lastName}` };
}

export interface DemoCustomer {
  id: string;
  displayName: string;
  lastName: string | null;
  phone: string | null;
  mobile: string | null;
  city: string | null;
  latitude: number | null;
  vehicleCount: number;
}

/**
 * A seeded demo customer matching `predicate` (seed 360, so always the same one), never one that
 * another test created: those are the newest, so "the first of the list" would depend on test order.
 */
export async function demoCustomer(
  page: Page,
  predicate: (c: DemoCustomer) => boolean = () => true,
  q?: string,
): Promise<DemoCustomer> {
  const res = await page.request.get(`/api/customers?limit=100&sort=name${q ? `&q=${encodeURIComponent(q)}` : ''}`);
  expect(res.status()).toBe(200);
  const { data } = (await res.json()) as { data: DemoCustomer[] };
  const found = data.find(
    (c) => !/^(E2e|Testeur)/.test(c.lastName ?? '') && !c.displayName.includes('(copie)') && predicate(c),
  );
  if (!found) throw new Error('no demo customer matches');
  return found;
}
