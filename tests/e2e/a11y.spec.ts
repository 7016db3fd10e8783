import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { demoCustomer, expect, test } from './fixtures';

/** axe with the WCAG 2.1 A/AA rules; only serious and critical findings fail the test. */
async function expectNoSeriousViolations(page: Page, where: string) {
  // Streamed tabs: wait until no skeleton is left so the real content is audited.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 15_000 });
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = serious.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .slice(0, 5)
        .map((n) => n.target.join(' '))
        .join('\n    ')}`,
  );
  // Soft: one run reports every page audited, not just the first one with a finding.
  expect.soft(summary, `${where}: axe violations`).toEqual([]);
}

/** Presses Tab until `target` has the focus (keyboard only, like a person would). */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`focus never reached ${target}`);
}

/** A seeded customer with a position and a vehicle, so the map and the vehicle list are audited too. */
async function demoCustomerId(page: Page): Promise<string> {
  return (await demoCustomer(page, (c) => c.latitude !== null && c.vehicleCount > 0)).id;
}

test.describe('signed out', () => {
  test('the login page has no serious axe violation', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByLabel('Adresse e-mail')).toBeVisible();
    await expectNoSeriousViolations(page, '/login');
  });
});

test.describe('as a manager', () => {
  test.use({ role: 'manager' });

  // One test per page: each gets its own time budget and its own line in the report.
  const pages: [string, (id: string) => string][] = [
    ['customer list', () => '/customers'],
    ['new-customer form', () => '/customers/new'],
    ['profile tab', (id) => `/customers/${id}`],
    ['activity tab', (id) => `/customers/${id}/activity`],
    ['analytics tab', (id) => `/customers/${id}/analytics`],
    ['finances tab', (id) => `/customers/${id}/finances`],
    ['documents tab', (id) => `/customers/${id}/documents`],
    ['consents tab', (id) => `/customers/${id}/consents`],
    ['360 view tab', (id) => `/customers/${id}/dashboard-360`],
  ];
  for (const [name, path] of pages) {
    test(`axe: ${name} has no serious violation`, async ({ page }) => {
      // Map tiles are external: refuse them so the audit is the same offline and online.
      await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
      const url = path(await demoCustomerId(page));
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await expectNoSeriousViolations(page, url);
    });
  }

  test('keyboard only: reach the tab bar and open a tab with Enter; open and close a confirm dialog with Escape', async ({
    page,
  }) => {
    const id = await demoCustomerId(page);
    await page.goto(`/customers/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    const activity = page
      .getByRole('navigation', { name: 'Onglets de la fiche client' })
      .getByRole('link', { name: 'Activité', exact: true });
    await tabTo(page, activity);
    await expect(activity).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/customers/${id}/activity$`));
    await expect(page.getByTestId('activity-filters')).toBeVisible();

    await page.reload();
    // The « ⋯ » menu button: Enter opens the menu on its first item, arrows move, Enter chooses.
    const more = page
      .getByRole('group', { name: 'Actions sur le client' })
      .getByRole('button', { name: 'Autres actions' });
    await tabTo(page, more);
    await page.keyboard.press('Enter');
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    const menu = page.getByRole('menu', { name: 'Autres actions' });
    await expect(menu.getByRole('menuitem').first()).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(more).toBeFocused();
    await page.keyboard.press('Enter');
    const duplicate = menu.getByRole('menuitem', { name: 'Dupliquer…' });
    while (!(await duplicate.evaluate((el) => el === document.activeElement))) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /^Dupliquer / });
    await expect(dialog).toBeVisible();
    // Focus starts on the harmless choice, so Enter never creates anything by accident.
    await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(more).toBeFocused();
    await expect(page).toHaveURL(new RegExp(`/customers/${id}/activity$`));
  });
});
