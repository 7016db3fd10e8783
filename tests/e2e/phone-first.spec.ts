import type { Locator, Page } from '@playwright/test';
import { demoCustomer, expect, test } from './fixtures';
import { expectNoHorizontalScroll } from './helpers';

/**
 * The technician's first screen on a 390×844 phone: what the job needs is there without scrolling —
 * the address with « Itinéraire », the first vehicle's plate, the bottom action bar — and no tab of
 * the tab bar is cut off at the screen's edge. Desktop keeps the dense layout (no action bar).
 */
test.describe('technician on a phone', () => {
  test.use({ role: 'technician', viewport: { width: 390, height: 844 } });
  test.skip(({ isMobile }) => !isMobile, 'the phone project only');

  /** The element's box lies inside the first viewport (the page is not scrolled). */
  async function inFirstViewport(page: Page, locator: Locator, what: string) {
    await expect(locator, what).toBeVisible();
    const box = await locator.boundingBox();
    const { width, height } = page.viewportSize()!;
    expect(box, what).not.toBeNull();
    expect(box!.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
    expect(box!.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `${what}: right edge`).toBeLessThanOrEqual(width + 0.5);
    expect(box!.y + box!.height, `${what}: bottom edge`).toBeLessThanOrEqual(height + 0.5);
  }

  test('address, first plate and the action bar in the first viewport; no tab cut off', async ({ page }) => {
    const customer = await demoCustomer(
      page,
      (c) => c.vehicleCount > 0 && c.latitude !== null && !!(c.mobile ?? c.phone),
    );
    const detail = await (await page.request.get(`/api/customers/${customer.id}`)).json();
    const firstPlate = ((detail.data ?? detail).vehicles as { plate: string | null }[]).find((v) => v.plate)?.plate;
    expect(firstPlate, 'the demo customer has a plated vehicle').toBeTruthy();

    await page.goto(`/customers/${customer.id}`);
    await expect(page.evaluate(() => window.scrollY)).resolves.toBe(0);

    const onSite = page.getByRole('region', { name: 'Sur place' });
    await inFirstViewport(page, onSite.getByTestId('on-site-address'), 'address');
    await inFirstViewport(page, onSite.getByRole('link', { name: 'Itinéraire' }), '« Itinéraire »');
    await expect(onSite.getByRole('link', { name: 'Itinéraire' })).toHaveAttribute('href', /^geo:/);
    await inFirstViewport(
      page,
      onSite.getByTestId('on-site-vehicle').first().getByText(firstPlate!, { exact: true }),
      'first vehicle plate',
    );

    // The action bar: fixed at the bottom, in thumb reach, the four field actions.
    const bar = page.getByRole('navigation', { name: 'Actions rapides' });
    await inFirstViewport(page, bar, 'action bar');
    const barBox = (await bar.boundingBox())!;
    expect(barBox.y + barBox.height).toBeGreaterThan(844 - 2);
    await expect(bar.getByRole('link', { name: 'Appeler' })).toHaveAttribute('href', /^tel:\+?\d{9,15}$/);
    await expect(bar.getByRole('link', { name: 'Itinéraire' })).toHaveAttribute('href', /^geo:/);
    await expect(bar.getByRole('link', { name: 'Photo' })).toHaveAttribute('href', /\/documents#/);
    await expect(bar.getByRole('link', { name: 'Note' })).toBeVisible();

    // Labelled phone numbers in the header, no customer number on the phone screen.
    await expect(page.locator('header a[href^="tel:"]').first()).toContainText(/Mobile|Fixe/);
    await expect(page.getByTestId('customer-number')).toBeHidden();

    // Every tab is whole inside the viewport (the bar wraps instead of hiding tabs off-screen).
    const tabs = page.getByRole('navigation', { name: 'Onglets de la fiche client' }).getByRole('link');
    const count = await tabs.count();
    expect(count).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < count; i++) {
      const tab = tabs.nth(i);
      await inFirstViewport(page, tab, `tab « ${await tab.innerText()} »`);
    }
    await expectNoHorizontalScroll(page);

    // « Note » lands in the note field, ready to type.
    await bar.getByRole('link', { name: 'Note' }).click();
    await expect(page.getByRole('textbox', { name: 'Nouvelle note' })).toBeFocused();
  });

  test('« Photo » opens the documents with the camera first, several shots in a row', async ({ page }) => {
    const customer = await demoCustomer(page, (c) => c.vehicleCount > 0);
    await page.goto(`/customers/${customer.id}`);
    await page.getByRole('navigation', { name: 'Actions rapides' }).getByRole('link', { name: 'Photo' }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${customer.id}/documents#`));
    const upload = page.getByRole('region', { name: 'Ajouter des documents' });
    const takePhoto = upload.getByRole('button', { name: 'Prendre une photo' });
    await expect(takePhoto).toBeVisible();
    await expect(takePhoto).toBeFocused();
    // The camera is the primary button, the file picker the secondary one.
    await expect(takePhoto).toHaveClass(/bg-blue-700/);
    await expect(upload.getByRole('button', { name: 'Choisir des fichiers' })).not.toHaveClass(/bg-blue-700/);
    const camera = page.getByTestId('upload-camera');
    await expect(camera).toHaveAttribute('capture', 'environment');
    await expect(camera).toHaveAttribute('accept', 'image/*');
    // A shot (a tiny PNG through the camera input), then the button offers the next one.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    await camera.setInputFiles({ name: 'photo-1.png', mimeType: 'image/png', buffer: png });
    await expect(upload.getByRole('button', { name: 'Autre photo' })).toBeFocused();
    await expect(upload.getByRole('status')).toContainText('1 photo envoyée');
    await expect(upload.getByText(/Glissez-déposez/)).toBeHidden();
  });

  test('the bar stays on the other tabs and leaves the content readable above it', async ({ page }) => {
    const customer = await demoCustomer(page, (c) => c.vehicleCount > 0);
    await page.goto(`/customers/${customer.id}/activity`);
    const bar = page.getByRole('navigation', { name: 'Actions rapides' });
    await expect(bar).toBeVisible();
    // Scrolled to the bottom once the streamed timeline is in, the last content ends above the bar (the layout
    // leaves room for it).
    await expect(page.getByTestId('activity-entry').first()).toBeVisible();
    // The timeline loads more entries as the bottom comes into view: keep scrolling until the page stops growing.
    await page.waitForFunction(() => {
      window.scrollTo(0, document.documentElement.scrollHeight);
      return Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight - 1;
    });
    const main = await page.locator('main').boundingBox();
    const barBox = await bar.boundingBox();
    const lastChild = page.locator('main > div > div').last();
    const last = await lastChild.boundingBox();
    expect(main && barBox && last).toBeTruthy();
    expect(last!.y + last!.height).toBeLessThanOrEqual(barBox!.y + 1);
  });
});

test.describe('office on a desktop', () => {
  test.use({ role: 'manager' });
  test.skip(({ isMobile }) => isMobile, 'the desktop project only');

  test('no phone action bar, no « Sur place » card, the address once and no raw coordinates', async ({ page }) => {
    const customer = await demoCustomer(page, (c) => c.latitude !== null);
    await page.goto(`/customers/${customer.id}`);
    await expect(page.getByRole('heading', { name: 'Adresse et localisation' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Actions rapides' })).toBeHidden();
    await expect(page.getByRole('region', { name: 'Sur place' })).toBeHidden();
    await expect(page.locator('address:visible')).toHaveCount(1);
    // "45.76123, 4.83512": no raw latitude/longitude pair on the page.
    await expect(page.locator('main')).not.toContainText(/-?\d{1,2}\.\d{4,}, -?\d{1,3}\.\d{4,}/);
    // One primary action, the rare ones in the « ⋯ » menu.
    const actions = page.getByRole('group', { name: 'Actions sur le client' });
    await expect(actions.getByRole('link', { name: 'Modifier', exact: true })).toBeVisible();
    await expect(actions.getByRole('button', { name: 'Désactiver' })).toHaveCount(0);
    await actions.getByRole('button', { name: 'Autres actions' }).click();
    await expect(actions.getByRole('menuitem', { name: 'Désactiver…' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(actions.getByRole('button', { name: 'Autres actions' })).toBeFocused();
  });
});
