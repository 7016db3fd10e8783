import { readFile } from 'node:fs/promises';
import { createCustomer, expect, test } from './fixtures';

test.describe('as a manager', () => {
  test.use({ role: 'manager' });

  test('duplicate from the header asks for a way to reach the copy, then opens its edit form', async ({ page }) => {
    const { id, name } = await createCustomer(page, { mobile: '06 11 22 33 44' });
    await page.goto(`/customers/${id}`);
    const actions = page.getByRole('group', { name: 'Actions sur le client' });
    await actions.getByRole('button', { name: 'Autres actions' }).click();
    await actions.getByRole('menuitem', { name: 'Dupliquer…' }).click();
    const dialog = page.getByRole('dialog', { name: `Dupliquer ${name}\u202f?` });
    await expect(dialog).toBeVisible();
    // Without a way to reach the copy, the dialog stays open with the field error.
    await dialog.getByRole('button', { name: 'Créer la copie' }).click();
    await expect(dialog.getByText(/le nouveau client serait injoignable/)).toBeVisible();
    await dialog.getByLabel('E-mail de la copie').fill('agence-copie@exemple.fr');
    await dialog.getByRole('button', { name: 'Créer la copie' }).click();
    await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}\/edit$/);
    const copyId = page.url().split('/').at(-2);
    expect(copyId).not.toBe(id);
    // Identity copied (marked as a copy), the source's e-mail replaced by the one given.
    await expect(page.getByRole('textbox', { name: /^Nom\b/ })).toHaveValue(`${name.replace(/^Test /, '')} (copie)`);
    // The copy's edit form (the header's closed copy dialog has its own « E-mail de la copie »).
    await expect(page.getByRole('textbox', { name: 'E-mail', exact: true })).toHaveValue('agence-copie@exemple.fr');
  });

  test('download every export format from the header', async ({ page }) => {
    const { id } = await createCustomer(page);
    await page.goto(`/customers/${id}`);
    const number = (await page.getByTestId('customer-number').innerText()).trim();
    const expected = `client-${number.replace(/[^A-Za-z0-9-]/g, '')}`;
    const actions = page.getByRole('group', { name: 'Actions sur le client' });
    const magic: Record<string, (b: Buffer) => boolean> = {
      json: (b) => JSON.parse(b.toString('utf8')).customer?.number === number,
      csv: (b) => b.toString('utf8').includes(number),
      xlsx: (b) => b.subarray(0, 2).toString('latin1') === 'PK',
      pdf: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
    };
    for (const [label, ext] of [
      ['JSON (portabilité RGPD)', 'json'],
      ['CSV', 'csv'],
      ['Excel (XLSX)', 'xlsx'],
      ['PDF', 'pdf'],
    ] as const) {
      // Exports are rare: they sit in the « ⋯ » menu, which closes after each download.
      await actions.getByRole('button', { name: 'Autres actions' }).click();
      const link = actions.getByRole('menuitem', { name: label, exact: true });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe(`${expected}.${ext}`);
      const bytes = await readFile((await download.path())!);
      expect(magic[ext](bytes), `${ext} content`).toBe(true);
    }
    // Each export is recorded in the timeline.
    await page.goto(`/customers/${id}/activity?type=export`);
    await expect(page.getByTestId('activity-entry')).toHaveCount(4);
  });
});

test.describe('as an admin', () => {
  test.use({ role: 'admin' });
  // The import is an office task on a wide screen; desktop only keeps the CI run short.
  test.skip(({ isMobile }) => isMobile, 'admin import is a desktop task');

  test('dry-run import of a small legacy CSV: a line-by-line report and nothing written', async ({ page }) => {
    const base = 700000 + Math.floor(Math.random() * 200000);
    const stamp = Date.now().toString(36);
    const email = `claire.import.${stamp}@exemple.fr`;
    const lines = [
      'id;type;nom;prenom;societe;siret;adresse;cp;ville;tel;email;vehicules;notes;date_creation;actif;optin_mail',
      `${base};P;Importée${stamp};Claire;;;3 rue de la République;69002;Lyon;06 12 34 56 78;${email};AB-123-CD Renault Clio 2019;"Client fidèle; préfère le samedi";14/01/2016;1;0`,
      `${base + 1};PRO;;;Garage ${stamp} SARL;;12 avenue Jean Jaurès;69007;Lyon;0478000000;contact.${stamp}@exemple.fr;;;03/05/2019;oui;1`,
      `${base + 2};P;;;;;;;;;;;;01/01/2020;1;0`,
    ];
    await page.goto('/admin/import');
    await expect(page.getByRole('heading', { name: 'Import de l’ancien système', level: 1 })).toBeVisible();
    await page.getByLabel(/^Fichier de l’ancien système/).setInputFiles({
      name: `clients-${stamp}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\r\n') + '\r\n', 'utf8'),
    });
    await page.getByRole('button', { name: 'Simuler l’import' }).click();

    const report = page.getByRole('table', { name: 'Lignes du fichier et leur sort' });
    await expect(report).toBeVisible({ timeout: 30_000 });
    const stat = (label: string) =>
      page.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
    await expect(stat('Lus')).toHaveText('3');
    await expect(stat('À importer')).toHaveText('2');
    await expect(stat('Rejetés')).toHaveText('1');
    const row = (legacyId: number) =>
      report
        .locator('tbody tr')
        .filter({ has: page.locator('td:nth-child(2)', { hasText: new RegExp(`^${legacyId}$`) }) });
    await expect(row(base)).toContainText('À importer');
    await expect(row(base + 1)).toContainText('À importer');
    await expect(row(base + 2)).toContainText('Rejeté');
    await expect(
      row(base + 2)
        .locator('td')
        .first(),
    ).toHaveText('4');
    await expect(page.getByRole('button', { name: 'Importer' })).toBeVisible();

    // A simulation writes nothing.
    const res = await page.request.get(`/api/customers?q=${encodeURIComponent(email)}`);
    expect(((await res.json()) as { data: unknown[] }).data).toHaveLength(0);
  });
});
