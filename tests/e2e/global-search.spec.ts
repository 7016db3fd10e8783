import type { Page } from '@playwright/test';
import { createCustomer, expect, isPhone, test } from './fixtures';

// Global search (issue 18): the top bar's field / Ctrl+K, grouped results, keyboard, recent customers.
test.use({ role: 'manager' });

const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Recherche globale' });

async function openSearch(page: Page) {
  // (/customers has its own « Rechercher » button: the top bar's is named by what it searches.)
  if (isPhone(page)) await page.getByRole('button', { name: /^Rechercher \(clients/ }).tap();
  else {
    // The shortcut listener is attached once the page has hydrated, which may come after `goto` resolves
    // on a loaded machine: press again until the dialog opens.
    await expect(async () => {
      await page.keyboard.press('Control+K');
      await expect(dialog(page)).toBeVisible({ timeout: 2000 });
    }).toPass({ timeout: 15_000 });
  }
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).getByRole('combobox', { name: 'Recherche globale' })).toBeFocused();
}

/** A fresh customer with a mobile and a vehicle whose plate no demo record shares. */
async function customerWithVehicle(page: Page) {
  const mobileTail = String(Math.floor(Math.random() * 1e4)).padStart(4, '0');
  const customer = await createCustomer(page, { mobile: `06 47 21 ${mobileTail.slice(0, 2)} ${mobileTail.slice(2)}` });
  const letters = 'BCDFGHJKLMNPRSTVWXZ';
  const pick = () => letters[Math.floor(Math.random() * letters.length)];
  const plate = `${pick()}${pick()}-${100 + Math.floor(Math.random() * 900)}-${pick()}${pick()}`;
  const res = await page.request.post(`/api/customers/${customer.id}/vehicles`, {
    headers: SAME_ORIGIN,
    data: { plate, make: 'Peugeot' },
  });
  expect(res.status(), await res.text()).toBe(201);
  return { ...customer, plate, mobileTail };
}

test('finds a customer by name, opens it, then lists it among the recent ones', async ({ page }) => {
  const c = await customerWithVehicle(page);
  await page.goto('/customers');
  await openSearch(page);
  const box = dialog(page).getByRole('combobox', { name: 'Recherche globale' });
  await box.fill(c.name.split(' ')[1].toLowerCase());
  const option = dialog(page).getByRole('option', { name: new RegExp(c.name) });
  await expect(option).toBeVisible();
  await expect(dialog(page).getByRole('group', { name: 'Clients' })).toBeVisible();
  // Every result is a comfortable touch target.
  expect((await option.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
  if (isPhone(page)) await option.tap();
  else {
    // The first result is selected: Enter opens it.
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
  }
  await expect(page).toHaveURL(new RegExp(`/customers/${c.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(c.name) })).toBeVisible();

  // Empty field: the last customers this user opened.
  await openSearch(page);
  const recent = dialog(page).getByRole('group', { name: 'Clients récents' });
  await expect(recent.getByRole('option').first()).toContainText(c.name);
  if (!isPhone(page)) {
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toBeHidden();
  } else {
    await dialog(page).getByRole('button', { name: 'Fermer' }).tap();
    await expect(dialog(page)).toBeHidden();
  }
});

test('finds the vehicle by its plate typed without dashes and the customer by its phone typed the French way', async ({
  page,
}) => {
  const c = await customerWithVehicle(page);
  await page.goto('/customers');
  await openSearch(page);
  const box = dialog(page).getByRole('combobox', { name: 'Recherche globale' });
  await box.fill(c.plate.replace(/-/g, '').toLowerCase());
  const vehicles = dialog(page).getByRole('group', { name: 'Véhicules' });
  const option = vehicles.getByRole('option', { name: new RegExp(c.plate) });
  await expect(option).toBeVisible();
  await expect(option).toContainText(c.name);

  // "06 47 21 xx yy" as people write it; stored as +33647 21xxyy (E.164).
  await box.fill(`06 47 21 ${c.mobileTail.slice(0, 2)} ${c.mobileTail.slice(2)}`);
  await expect(
    dialog(page)
      .getByRole('group', { name: 'Clients' })
      .getByRole('option', { name: new RegExp(c.name) }),
  ).toBeVisible();

  await box.fill(c.plate);
  await expect(option).toBeVisible();
  if (isPhone(page)) await option.tap();
  else {
    // The customer may come first (the list's search matches plates too): walk down to the vehicle.
    for (let i = 0; i < 6 && (await option.getAttribute('aria-selected')) !== 'true'; i++)
      await page.keyboard.press('ArrowDown');
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
  }
  await expect(page).toHaveURL(new RegExp(`/customers/${c.id}$`));
});

test('no result, and on phones the dialog is a full-screen sheet', async ({ page }) => {
  await page.goto('/customers');
  await openSearch(page);
  await dialog(page).getByRole('combobox', { name: 'Recherche globale' }).fill('zzqxwv introuvable');
  await expect(dialog(page).getByRole('status')).toHaveText('Aucun résultat pour « zzqxwv introuvable ».');
  if (isPhone(page)) {
    const box = await dialog(page).boundingBox();
    const viewport = page.viewportSize()!;
    expect(box?.width).toBeGreaterThanOrEqual(viewport.width - 1);
    expect(box?.height).toBeGreaterThanOrEqual(viewport.height - 1);
    const close = await dialog(page).getByRole('button', { name: 'Fermer' }).boundingBox();
    expect(close?.height ?? 0).toBeGreaterThanOrEqual(44);
  }
});
