import { createCustomer, expect, test } from './fixtures';

/** « Pas un doublon » sets a pair aside for good; « Rétablir » (a manager) brings it back. */
test.describe('manager', () => {
  test.use({ role: 'manager' });
  test.skip(({ isMobile }) => isMobile, 'an office task');

  test('dismiss a pair, find it under « Paires écartées », restore it', async ({ page }) => {
    // Same e-mail: proposed as a possible duplicate (creation warns but does not refuse).
    const email = `jumeaux-${Date.now().toString(36)}@exemple.fr`;
    const a = await createCustomer(page, { email });
    const b = await createCustomer(page, { email });
    await page.goto('/customers/duplicates');
    // The proposals (main > div > ul), not the « Paires écartées » section below them.
    const row = page.locator('main > div > ul > li', { has: page.locator(`a[href="/customers/${a.id}"]`) }).filter({
      has: page.locator(`a[href="/customers/${b.id}"]`),
    });
    await expect(row.first()).toBeVisible();
    await row
      .first()
      .getByRole('button', { name: /^Pas un doublon/ })
      .click();
    await expect(row).toHaveCount(0);
    const dismissed = page.getByRole('region', { name: /Paires écartées/ }).locator('li', {
      has: page.locator(`a[href="/customers/${a.id}"]`),
    });
    await expect(dismissed).toBeVisible();
    await dismissed.getByRole('button', { name: /^Rétablir/ }).click();
    await expect(dismissed).toHaveCount(0);
    await expect(row.first()).toBeVisible();
    // Both timelines say it.
    await page.goto(`/customers/${a.id}/activity`);
    await expect(page.getByText(/Pas un doublon de C-/)).toBeVisible();
  });
});
