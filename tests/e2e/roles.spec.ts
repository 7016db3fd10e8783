import type { Page } from '@playwright/test';
import { createCustomer, demoCustomer, expect, test } from './fixtures';

// What the browser adds to its own requests: the 403s below are the role's, not the CSRF check's.
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };

/** A seeded customer with a vehicle (read through the API with the page's session). */
async function demoCustomerId(page: Page): Promise<string> {
  return (await demoCustomer(page, (c) => c.vehicleCount > 0)).id;
}

const tabNav = (page: Page) => page.getByRole('navigation', { name: 'Onglets de la fiche client' });

// Permissions do not depend on the screen: admin and manager run on desktop only (suite time in CI);
// the field roles (technician, viewer) run on both.
test.describe('admin', () => {
  test.use({ role: 'admin' });
  test.skip(({ isMobile }) => isMobile, 'same permissions at every width');

  test('may administer: admin pages, delete action, every tab', async ({ page }) => {
    const id = await demoCustomerId(page);
    await page.goto(`/customers/${id}`);
    const actions = page.getByRole('group', { name: 'Actions sur le client' });
    await expect(actions.getByRole('link', { name: 'Modifier', exact: true })).toBeVisible();
    // Erasing is rare and destructive: in the « ⋯ » menu, behind a confirmation.
    await actions.getByRole('button', { name: 'Autres actions' }).click();
    await actions.getByRole('menuitem', { name: 'Effacer les données…' }).click();
    const confirm = page.getByRole('dialog', { name: /^Effacer les données de / });
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: 'Annuler' }).click();
    await expect(confirm).toBeHidden();
    for (const tab of ['Analyses', 'Finances'])
      await expect(tabNav(page).getByRole('link', { name: tab, exact: true })).toBeVisible();
    await page.goto('/admin/tokens');
    await expect(page.getByRole('heading', { name: 'Jetons d’API', level: 1 })).toBeVisible();
    await page.goto('/admin/import');
    await expect(page.getByRole('heading', { name: 'Import de l’ancien système', level: 1 })).toBeVisible();
  });

  test('a malformed customer id is the not-found page on every tab', async ({ page }) => {
    for (const tab of ['', '/activity', '/documents', '/finances', '/analytics', '/consents', '/dashboard-360']) {
      const response = await page.goto(`/customers/not-a-uuid${tab}`);
      expect(response?.status(), tab || 'profile').toBe(404);
    }
  });
});

test.describe('manager', () => {
  test.use({ role: 'manager' });
  test.skip(({ isMobile }) => isMobile, 'same permissions at every width');

  test('may edit, bill and export, but not administer nor erase', async ({ page }) => {
    const id = await demoCustomerId(page);
    await page.goto(`/customers/${id}/finances`);
    await page.getByRole('button', { name: 'Saisir une facture' }).click();
    await expect(page.getByRole('form', { name: 'Enregistrer une facture' })).toBeVisible();
    const actions = page.getByRole('group', { name: 'Actions sur le client' });
    await expect(actions.getByRole('link', { name: 'Modifier', exact: true })).toBeVisible();
    await actions.getByRole('button', { name: 'Autres actions' }).click();
    await expect(actions.getByRole('menuitem', { name: 'PDF', exact: true })).toBeVisible();
    await expect(actions.getByRole('menuitem', { name: /^Effacer/ })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);
    await page.goto('/admin/import');
    await expect(page).toHaveURL(/\/forbidden/);
    await expect(page.getByRole('heading', { name: 'Accès refusé' })).toBeVisible();
    // The API refuses what the UI hides.
    expect((await page.request.delete(`/api/customers/${id}`, { headers: SAME_ORIGIN })).status()).toBe(403);
  });

  test('quick actions: deactivate and archive a customer, then undo both', async ({ page }) => {
    const { id } = await createCustomer(page);
    await page.goto(`/customers/${id}`);
    const actions = page.getByRole('group', { name: 'Actions sur le client' });
    const more = actions.getByRole('button', { name: 'Autres actions' });
    // Deactivating and archiving ask first (« … »); undoing them does not.
    for (const [press, confirm, then] of [
      ['Désactiver…', 'Désactiver', 'Activer'],
      ['Archiver…', 'Archiver', 'Désarchiver'],
      ['Désarchiver', null, 'Archiver…'],
      ['Activer', null, 'Désactiver…'],
    ] as const) {
      await more.click();
      await actions.getByRole('menuitem', { name: press, exact: true }).click();
      if (confirm) await page.getByRole('dialog').getByRole('button', { name: confirm, exact: true }).click();
      await more.click();
      await expect(actions.getByRole('menuitem', { name: then, exact: true })).toBeVisible();
      await page.keyboard.press('Escape');
    }
  });
});

test.describe('technician', () => {
  test.use({ role: 'technician' });

  test('works in the field but sees no money and creates no customer', async ({ page }) => {
    const id = await demoCustomerId(page);
    await page.goto(`/customers/${id}`);
    await expect(tabNav(page).getByRole('link', { name: 'Activité', exact: true })).toBeVisible();
    await expect(tabNav(page).getByRole('link', { name: 'Finances', exact: true })).toHaveCount(0);
    await expect(tabNav(page).getByRole('link', { name: 'Analyses', exact: true })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Modifier', exact: true })).toHaveCount(0);
    // No quick action for this role: no empty actions group either, not even a hidden one.
    await expect(page.getByRole('group', { name: 'Actions sur le client', includeHidden: true })).toHaveCount(0);
    // Field updates are allowed (vehicles), creation is not.
    await expect(page.getByRole('button', { name: /^Modifier le véhicule/ }).first()).toBeVisible();
    await page.goto('/customers');
    await expect(page.getByRole('link', { name: 'Nouveau client' })).toHaveCount(0);

    for (const tab of ['finances', 'analytics']) {
      await page.goto(`/customers/${id}/${tab}`);
      await expect(page).toHaveURL(/\/forbidden/);
      await expect(page.getByRole('heading', { name: 'Accès refusé' })).toBeVisible();
    }
    await page.goto('/customers/new');
    await expect(page).toHaveURL(/\/forbidden/);

    await page.goto(`/customers/${id}/activity`);
    await expect(page.getByText('Ajouter une activité', { exact: true })).toBeVisible();
    await page.goto(`/customers/${id}/documents`);
    await expect(page.getByTestId('upload-input')).toBeAttached();
    await page.goto(`/customers/${id}/consents`);
    await expect(
      page
        .getByRole('button', { name: /^Accorder le consentement/ })
        .filter({ visible: true })
        .first(),
    ).toBeVisible();
    await expect(page.getByText('Votre rôle ne permet pas d’envoyer des e-mails aux clients.')).toBeVisible();

    expect((await page.request.get(`/api/customers/${id}/finances`)).status()).toBe(403);
    expect(
      (
        await page.request.post('/api/customers', {
          headers: SAME_ORIGIN,
          data: { kind: 'individual', lastName: 'Refus' },
        })
      ).status(),
    ).toBe(403);
  });
});

test.describe('viewer', () => {
  test.use({ role: 'viewer' });

  test('reads everything, changes nothing', async ({ page }) => {
    const id = await demoCustomerId(page);
    await page.goto(`/customers/${id}/activity`);
    await expect(page.getByTestId('activity-filters')).toBeVisible();
    await expect(page.getByText('Ajouter une activité', { exact: true })).toHaveCount(0);
    await expect(page.getByTestId('activity-form')).toHaveCount(0);

    await page.goto(`/customers/${id}/documents`);
    await expect(page.getByRole('heading', { name: 'Documents' }).first()).toBeVisible();
    await expect(page.getByTestId('upload-input')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Ajouter des documents' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Supprimer / })).toHaveCount(0);

    await page.goto(`/customers/${id}/consents`);
    await expect(page.getByRole('button', { name: /^(Accorder|Retirer) le consentement/ })).toHaveCount(0);
    await expect(page.getByText('Votre rôle ne permet pas d’envoyer des e-mails aux clients.')).toBeVisible();

    await page.goto(`/customers/${id}/finances`);
    await expect(page.getByText('Solde dû', { exact: true })).toBeVisible();
    await expect(page.getByRole('form', { name: 'Enregistrer un paiement' })).toHaveCount(0);
    await expect(page.getByRole('form', { name: 'Enregistrer une facture' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Saisir (une facture|un paiement)$/ })).toHaveCount(0);
    await expect(page.getByRole('group', { name: 'Actions sur le client', includeHidden: true })).toHaveCount(0);

    const write = await page.request.post(`/api/customers/${id}/activities`, {
      headers: SAME_ORIGIN,
      data: { type: 'call', title: 'Refusé' },
    });
    expect(write.status()).toBe(403);
    expect(((await write.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });
});
