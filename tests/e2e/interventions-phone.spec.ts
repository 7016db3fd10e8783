import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { login } from './helpers';

/**
 * The interventions life cycle on a 390×844 phone, as the README tells it: the technician lands on
 * « Ma journée », starts a visit, records the odometer, a line, a camera photo and the customer's
 * signature, finishes; the manager invoices; Finances, Activity, Analytics and the 360 summary show it.
 */
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
test.use({ ...PHONE });

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
// What the browser adds to its own requests (cookie-authenticated writes need it).
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };

async function signedIn(browser: Browser, baseURL: string, role: 'manager' | 'technician'): Promise<Page> {
  const context = await browser.newContext({ ...PHONE, baseURL, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  await login(page, role);
  return page;
}

test('technician on the phone: Ma journée → start → report, photo, signature → finish; manager invoices', async ({
  browser,
  baseURL,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'one story, told on the phone');
  test.setTimeout(240_000);
  const tech = await signedIn(browser, baseURL!, 'technician'); // lands on /ma-journee (login asserts it)
  const manager = await signedIn(browser, baseURL!, 'manager');

  // Ma journée: today's visits in time order; the first one still to start.
  await expect(tech.getByRole('heading', { name: 'Ma journée', level: 1 })).toBeVisible();
  const next = tech
    .getByRole('listitem')
    .filter({ has: tech.getByRole('button', { name: 'Démarrer' }) })
    .first();
  await expect(next).toBeVisible();
  const href = await next.getByRole('link').first().getAttribute('href');
  // Pinned by its link: once started, the card no longer has a « Démarrer » button.
  const card = tech.getByRole('listitem').filter({ has: tech.locator(`a[href="${href}"]`) });
  const [, , customerId, , interventionId] = href!.split('/');
  expect(customerId).toMatch(/^[0-9a-f-]{36}$/);
  expect(interventionId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(card.getByRole('link', { name: 'Itinéraire' })).toHaveAttribute('href', /^geo:/);
  await expect(card.getByRole('link', { name: 'Appeler' })).toHaveAttribute('href', /^tel:/);
  const box = await card.getByRole('button', { name: 'Démarrer' }).boundingBox();
  expect(box!.width, 'a thumb-sized, full-width action').toBeGreaterThan(250);
  expect(box!.height).toBeGreaterThanOrEqual(44);

  // The office gave the labour price when booking (technicians use the prices they are given).
  const api = `/api/customers/${customerId}/interventions/${interventionId}`;
  const before = await (await manager.request.get(api)).json();
  const given = before.lines.map((l: Record<string, unknown>) => ({
    label: l.label,
    quantity: l.quantity,
    unitPriceHtCents: l.unitPriceHtCents,
    vatRateBp: l.vatRateBp,
  }));
  const priced = await manager.request.patch(api, {
    headers: SAME_ORIGIN,
    data: {
      updatedAt: before.updatedAt,
      lines: [...given, { label: 'Main-d’œuvre atelier mobile', quantity: 1, unitPriceHtCents: 6500, vatRateBp: 2000 }],
    },
  });
  expect(priced.status(), await priced.text()).toBe(200);

  // Analytics before: the visits counted over 24 months.
  await manager.goto(`/customers/${customerId}/analytics`);
  // The profile sentence reads « Client fidèle : 6 visites, 420 € en 24 mois, dernière il y a 3 jours. »
  const profile = manager.getByText(/\d+ visites?, .* en 24 mois/).first();
  const visitsBefore = Number((await profile.textContent())!.match(/(\d+) visites?,/)![1]);

  // Démarrer, one tap.
  await tech.reload();
  await card.getByRole('button', { name: 'Démarrer' }).click();
  await expect(card.getByText('En cours')).toBeVisible();
  await card.getByRole('link', { name: 'Compte rendu' }).click();
  await expect(tech).toHaveURL(new RegExp(`/interventions/${interventionId}`));

  // The report: work done, odometer (above the vehicle's last reading), one more line.
  const mileage = (before.vehicle?.mileage as number | null) ?? 0;
  await tech.getByLabel('Travail effectué').fill('Contrôle des niveaux, remplacement du filtre à huile.');
  await tech.getByLabel('Kilométrage relevé (km)').fill(String(mileage + 1234));
  await tech.getByRole('button', { name: 'Ajouter une ligne' }).click();
  const rows = tech.getByRole('form', { name: 'Compte rendu' }).getByRole('listitem');
  const last = rows.last();
  await last.getByLabel(/^Libellé/).fill('Filtre à huile');
  await last.getByLabel('Quantité').fill('1');
  await tech.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(tech.getByText('Compte rendu enregistré.')).toBeVisible();

  // A photo from the camera input.
  await tech.getByTestId('intervention-photo-input').setInputFiles({
    name: 'capot.png',
    mimeType: 'image/png',
    buffer: PNG_1X1,
  });
  await expect(tech.getByText('Photo ajoutée.')).toBeVisible();
  await expect(tech.getByRole('img', { name: 'capot.png' })).toBeVisible();

  // The customer signs with a finger (a drag on the canvas).
  const canvas = tech.getByTestId('signature-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const save = tech.getByRole('button', { name: 'Enregistrer la signature' });
  await expect(async () => {
    const c = (await canvas.boundingBox())!;
    await tech.mouse.move(c.x + 30, c.y + 40);
    await tech.mouse.down();
    await tech.mouse.move(c.x + 120, c.y + 110, { steps: 12 });
    await tech.mouse.move(c.x + 220, c.y + 50, { steps: 12 });
    await tech.mouse.up();
    await expect(save).toBeEnabled({ timeout: 1_000 });
  }).toPass();
  await save.click();
  await expect(tech.getByText('Signature enregistrée.')).toBeVisible();
  await expect(tech.getByRole('img', { name: 'Signature du client' })).toBeVisible();

  // Terminer: the PDF report is stored with the customer's documents.
  await tech.getByRole('button', { name: 'Terminer l’intervention' }).click();
  await expect(tech.getByText(/^Intervention terminée/).first()).toBeVisible();
  await expect(tech.getByRole('link', { name: 'Télécharger le rapport (PDF)' })).toBeVisible();
  await expect(tech.getByText('Terminée', { exact: true }).first()).toBeVisible();
  const odometer = await (await tech.request.get(api)).json();
  expect(odometer.vehicle.mileage).toBe(mileage + 1234);

  // The manager invoices from the phone.
  await manager.goto(`/customers/${customerId}/interventions/${interventionId}`);
  await manager.getByRole('button', { name: 'Facturer' }).click();
  const toast = manager.getByText(/^Facture F-\d{4}-\d+ créée\.$/);
  await expect(toast).toBeVisible();
  const invoiceNumber = (await toast.textContent())!.match(/F-\d{4}-\d+/)![0];
  await expect(manager.getByText('Facturée', { exact: true }).first()).toBeVisible();

  // Finances: the invoice is there like any other.
  await manager.goto(`/customers/${customerId}/finances`);
  await expect(manager.getByText(invoiceNumber).filter({ visible: true }).first()).toBeVisible();
  // Activity: the life cycle, each step an entry.
  await manager.goto(`/customers/${customerId}/activity`);
  for (const title of [/^Intervention démarrée/, /^Intervention terminée/, /^Intervention facturée/])
    await expect(manager.getByText(title).filter({ visible: true }).first()).toBeVisible();
  // Analytics: one more visit, seen today.
  await manager.goto(`/customers/${customerId}/analytics`);
  // One more visit, the last one today. The completion marks the RFM view stale; the next read refreshes it in the
  // background (reads never wait for it), so a reload or two later the profile sentence has the new visit.
  const updated = manager.getByText(new RegExp(`\\b${visitsBefore + 1} visites?, .* en 24 mois, dernière aujourd’hui`));
  await expect(async () => {
    await manager.reload();
    await expect(updated.first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  // The 360 summary: the invoice in the latest activities.
  await manager.goto(`/customers/${customerId}/dashboard-360`);
  await expect(
    manager
      .getByText(new RegExp(`Intervention facturée.*${invoiceNumber}`))
      .filter({ visible: true })
      .first(),
  ).toBeVisible();
  await expect(manager.getByRole('heading', { name: 'Prochaine intervention' })).toBeVisible();

  await tech.context().close();
  await manager.context().close();
});
