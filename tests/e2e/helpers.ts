import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'customer360';
export type DemoRole = 'admin' | 'manager' | 'technician' | 'viewer';

export async function login(page: Page, role: DemoRole) {
  await page.goto('/login');
  await page.getByLabel('Adresse e-mail').fill(`${role}@demo.local`);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/customers/);
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
}

/** Opens the first customer of a search and returns its id. */
export async function openFirstCustomer(page: Page, query?: string): Promise<string> {
  await page.goto(query ? `/customers?q=${encodeURIComponent(query)}` : '/customers');
  const link = page.locator('a[href^="/customers/"]:visible').filter({ hasNotText: 'Nouveau client' }).first();
  const href = await link.getAttribute('href');
  await link.click();
  const id = /\/customers\/([0-9a-f-]{36})/.exec(href ?? '')?.[1];
  if (!id) throw new Error(`no customer link found (${href})`);
  await expect(page).toHaveURL(new RegExp(`/customers/${id}`));
  return id;
}

/** No horizontal page scroll (phones at 360–390 px). */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'page scrolls horizontally').toBeLessThanOrEqual(1);
}
