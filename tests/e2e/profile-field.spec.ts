import type { Page } from '@playwright/test';
import { expectNoHorizontalScroll } from './helpers';
import { createCustomer, demoCustomer, expect, test } from './fixtures';

/**
 * Field work on a phone (issue 6). Runs on both projects; the layout checks matter most at 390 px.
 * Nothing leaves the machine: every request that is not for the app itself is refused, as when
 * the map tile server is unreachable in the field.
 */
async function offlineExceptApp(page: Page) {
  await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort('internetdisconnected'));
}

test.describe('as a manager', () => {
  test.use({ role: 'manager' });

  test('postal code "6900" suggests communes; picking one fills the city', async ({ page }) => {
    await page.goto('/customers/new');
    await expectNoHorizontalScroll(page);
    const postal = page.getByRole('combobox', { name: /^Code postal/ });
    await postal.fill('6900');
    const list = page.getByRole('listbox', { name: 'Communes suggérées' });
    await expect(list).toBeVisible();
    const lyon = list.getByRole('option', { name: /^69001\s+Lyon/i });
    await expect(lyon).toBeVisible();
    // Every suggestion starts with what was typed.
    const codes = await list.getByRole('option').evaluateAll((els) => els.map((e) => e.textContent?.slice(0, 5)));
    expect(codes.length).toBeGreaterThan(1);
    for (const c of codes) expect(c).toMatch(/^6900\d$/);
    await lyon.click();
    await expect(list).toBeHidden();
    await expect(postal).toHaveValue('69001');
    await expect(page.getByRole('combobox', { name: /^Ville/ })).toHaveValue(/^Lyon/i);
  });

  test('contacts and vehicles: add (browser check first), edit in place, delete with confirmation', async ({
    page,
  }) => {
    const { id } = await createCustomer(page);
    await page.goto(`/customers/${id}`);
    const contacts = page.locator('section').filter({ has: page.getByRole('heading', { name: /^Contacts \(/ }) });
    await expect(contacts.getByText('Aucun contact')).toBeVisible();

    await contacts.getByRole('button', { name: 'Ajouter un contact' }).click();
    const add = page.getByRole('form', { name: 'Nouveau contact' });
    await expect(contacts.getByRole('button', { name: 'Ajouter un contact' })).toHaveCount(0);
    await add.getByRole('button', { name: 'Ajouter le contact' }).click();
    // The missing name is caught in the browser and focused.
    await expect(add.getByLabel('Nom')).toHaveAttribute('aria-invalid', 'true');
    await expect(add.getByLabel('Nom')).toBeFocused();
    await add.getByLabel('Nom').fill('Claire Martin');
    await add.getByLabel('E-mail').fill('claire.martin@exemple.fr');
    await add.getByLabel('Contact principal').check();
    await add.getByRole('button', { name: 'Ajouter le contact' }).click();
    await expect(add).toHaveCount(0);
    await expect(contacts.getByRole('heading', { name: 'Contacts (1)' })).toBeVisible();
    await expect(contacts.getByRole('link', { name: 'claire.martin@exemple.fr' })).toBeVisible();

    await contacts.getByRole('button', { name: 'Modifier le contact Claire Martin' }).click();
    const edit = page.getByRole('form', { name: 'Modifier le contact Claire Martin' });
    await edit.getByLabel('Fonction').fill('Comptable');
    await edit.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await expect(edit).toHaveCount(0);
    await expect(contacts.getByText('Comptable', { exact: true })).toBeVisible();

    await contacts.getByRole('button', { name: 'Supprimer le contact Claire Martin' }).click();
    const dialog = page.getByRole('dialog', { name: 'Supprimer ce contact ?' });
    await dialog.getByRole('button', { name: 'Supprimer', exact: true }).click();
    await expect(contacts.getByText('Aucun contact')).toBeVisible();
    await expect(contacts.getByRole('heading', { name: 'Contacts (0)' })).toBeVisible();

    const vehicles = page.locator('section').filter({ has: page.getByRole('heading', { name: /^Véhicules \(/ }) });
    await vehicles.getByRole('button', { name: 'Ajouter un véhicule' }).click();
    const addVehicle = page.getByRole('form', { name: 'Nouveau véhicule' });
    await addVehicle.getByLabel('Immatriculation').fill('AB-123-CD');
    await addVehicle.getByRole('button', { name: 'Ajouter le véhicule' }).click();
    await expect(vehicles.getByTestId('vehicle-card').filter({ hasText: 'AB-123-CD' })).toBeVisible();
    await vehicles.getByRole('button', { name: 'Modifier le véhicule AB-123-CD' }).click();
    const editVehicle = page.getByRole('form', { name: 'Modifier le véhicule AB-123-CD' });
    await editVehicle.getByRole('button', { name: 'Annuler' }).click();
    await expect(editVehicle).toHaveCount(0);
    await expect(vehicles.getByRole('button', { name: 'Supprimer le véhicule AB-123-CD' })).toBeVisible();
  });
});

test.describe('as a technician', () => {
  test.use({ role: 'technician' });

  test('profile: call link, offline map placeholder with coordinates, no horizontal scroll on any tab', async ({
    page,
  }) => {
    await offlineExceptApp(page);
    const { id } = await demoCustomer(page, (c) => !!(c.mobile ?? c.phone) && c.latitude !== null, 'Lyon');
    await page.goto(`/customers/${id}`);
    const call = page.locator('header a[href^="tel:"]').first();
    await expect(call).toBeVisible();
    await expect(call).toHaveAttribute('href', /^tel:\+?\d{9,15}$/);
    await expect(call).toHaveAttribute('aria-label', /^Appeler le /);

    // The location card: the tiles cannot load, the address and a maps-app link are written out instead.
    await expect(page.getByText('Adresse et localisation')).toBeVisible();
    // The map is fetched when it comes near the viewport.
    await page.getByText('Adresse et localisation').scrollIntoViewIfNeeded();
    const noMap = page
      .getByRole('status')
      .filter({ hasText: /Fond de carte indisponible/ })
      .first();
    await expect(noMap).toBeVisible({ timeout: 20_000 });
    await expect(noMap.getByRole('link', { name: 'Ouvrir dans Plans' })).toHaveAttribute('href', /^geo:4\d\.\d+,-?\d/);
    await expectNoHorizontalScroll(page);

    // Every tab a technician may open fits the screen.
    for (const tab of ['activity', 'documents', 'consents', 'dashboard-360']) {
      await page.goto(`/customers/${id}/${tab}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 15_000 });
      await expectNoHorizontalScroll(page);
    }
  });

  test('"Autour de moi" with the position of Lyon lists customers with their distance', async ({ page, context }) => {
    await offlineExceptApp(page);
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation({ latitude: 45.76, longitude: 4.83 });
    await page.goto('/customers/nearby');
    await expect(page.getByRole('heading', { name: 'Clients autour de moi', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Utiliser ma position' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: /\d+ client\(s\) à moins de 25 km de vous/ }),
    ).toBeVisible();
    const cards = page.locator('main li').filter({ has: page.getByRole('link', { name: 'Ouvrir dans Plans' }) });
    await expect(cards.first()).toBeVisible();
    expect(await cards.count()).toBeGreaterThan(0);
    // Nearest first, each with its distance.
    const distances = await cards.evaluateAll((els) =>
      els.map((el) => {
        // The distance sits next to the name link (names of test customers may end with digits).
        const m = /^(\d+(?:,\d+)?)\s(km|m)$/.exec(el.querySelector('a + span')?.textContent?.trim() ?? '');
        return m ? Number(m[1].replace(',', '.')) * (m[2] === 'm' ? 0.001 : 1) : NaN;
      }),
    );
    for (const d of distances) expect(d).toBeLessThanOrEqual(25);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    // Offline tiles again: the map keeps the positions in text.
    await expect(page.getByText(/Fond de carte indisponible/).first()).toBeVisible({ timeout: 20_000 });
    await expectNoHorizontalScroll(page);

    // A smaller radius never lists more customers.
    const before = await cards.count();
    await page.getByLabel('Rayon').selectOption('5');
    await expect(page.getByRole('status').filter({ hasText: /à moins de 5 km de vous/ })).toBeVisible();
    expect(await cards.count()).toBeLessThanOrEqual(before);
  });
});
