import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'customer360';
export type DemoRole = 'admin' | 'manager' | 'technician' | 'viewer';

export async function login(page: Page, role: DemoRole) {
  await page.goto('/login');
  await page.getByLabel('Adresse e-mail').fill(`${role}@demo.local`);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // Technicians land on their day, the others on the customer list (app/page.tsx).
  const technician = role === 'technician';
  await expect(page).toHaveURL(technician ? /\/ma-journee/ : /\/customers/);
  await expect(page.getByRole('heading', { name: technician ? 'Ma journée' : 'Clients', level: 1 })).toBeVisible();
}

/** Opens the first customer of a search and returns its id. */
export async function openFirstCustomer(page: Page, query?: string): Promise<string> {
  await page.goto(query ? `/customers?q=${encodeURIComponent(query)}` : '/customers');
  // The rows stream in after the page shell: poll until a customer link is there (evaluateAll does not wait).
  const links = page.locator('main a[href^="/customers/"]:visible');
  const customerHref = async () =>
    (await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))).find((h) =>
      /^\/customers\/[0-9a-f-]{36}$/.test(h),
    );
  await expect.poll(customerHref, { message: 'a customer link in the list' }).toBeTruthy();
  const href = await customerHref();
  if (!href) throw new Error('no customer link found in the list');
  const id = href.split('/')[2];
  await page.locator(`main a[href="${href}"]:visible`).first().click();
  await expect(page).toHaveURL(new RegExp(`/customers/${id}`));
  return id;
}

export async function logout(page: Page) {
  const menu = page.locator('summary[aria-label="Menu du compte"]');
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('button', { name: 'Se déconnecter' }).filter({ visible: true }).first().click();
  await expect(page).toHaveURL(/\/login/);
}

/** No horizontal page scroll (phones at 360–390 px). */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'page scrolls horizontally').toBeLessThanOrEqual(1);
}
