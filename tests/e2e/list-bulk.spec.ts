import { expectNoHorizontalScroll } from './helpers';
import { createCustomer, expect, isPhone, test } from './fixtures';

/**
 * The customer list's daily work, desktop and phone: select two customers, put a tag on both and see it on
 * their rows; save the filtered list as a view and reopen it from its quick link.
 */
test.use({ role: 'manager' });
test.setTimeout(120_000);

test('select two customers, add a tag, save the view and reopen it', async ({ page }) => {
  const run = `Lot${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  await createCustomer(page, { firstName: run });
  await createCustomer(page, { firstName: run });

  await page.goto(`/customers?q=${run}`);
  const results = page.getByRole('region', { name: 'Résultats' });
  const boxes = results.getByRole('checkbox', { name: /^Sélectionner / });
  await expect(boxes).toHaveCount(2);
  if (isPhone(page)) {
    const target = await boxes.first().locator('xpath=..').boundingBox();
    expect(target!.height).toBeGreaterThanOrEqual(44);
    expect(target!.width).toBeGreaterThanOrEqual(44);
  }
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const toolbar = page.getByRole('region', { name: 'Actions groupées' });
  await expect(toolbar.getByText('2 clients sélectionnés')).toBeVisible();
  await expect(toolbar.getByRole('checkbox', { name: 'Tout sélectionner sur cette page' })).toBeChecked();
  if (isPhone(page)) await expectNoHorizontalScroll(page);

  const tag = `Flotte ${run}`;
  await toolbar.getByLabel('Étiquette').fill(tag);
  await toolbar.getByRole('button', { name: 'Ajouter l’étiquette' }).click();
  await expect(page.getByText(/ajoutée à 2 clients\./)).toBeVisible();
  await expect(results.getByText(tag, { exact: true }).filter({ visible: true })).toHaveCount(2);
  await expect(toolbar.getByText('Aucun client sélectionné')).toBeVisible();

  const views = page.getByRole('navigation', { name: 'Vues enregistrées' });
  await views.getByText('Enregistrer cette vue').click();
  await views.getByLabel('Nom de la vue').fill(`Vue ${run}`);
  await views.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  const link = views.getByRole('link', { name: `Vue ${run}` });
  await expect(link).toHaveAttribute('aria-current', 'page');

  await page.goto('/customers');
  await expect(link).not.toHaveAttribute('aria-current', 'page');
  await link.click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${run}`));
  await expect(results.getByText(tag, { exact: true }).filter({ visible: true })).toHaveCount(2);
  if (isPhone(page)) await expectNoHorizontalScroll(page);
});
