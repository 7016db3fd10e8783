import type { Browser, BrowserContext, Page } from '@playwright/test';
import { createCustomer, expect, test } from './fixtures';
import { login } from './helpers';

/**
 * Field mode without a signal, on a 390×844 phone against the production build (service worker):
 * one online visit of « Ma journée », then offline: the day and its customers are readable; a photo, the
 * finished report and a note wait on the device; back online they are sent once each, although the
 * first replay breaks twice (a request that never left, and one whose answer was lost after the server
 * acted: the Idempotency-Key makes the retry return the first answer). Signing out offline and in as
 * another user leaves nothing of the first one on the device.
 */
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
test.use({ ...PHONE });

const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function signedIn(browser: Browser, baseURL: string, role: 'admin' | 'manager' | 'technician') {
  const context = await browser.newContext({ ...PHONE, baseURL, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  await login(page, role);
  return { context, page };
}

/** A visit of today, assigned to the demo technician, for a customer with an address and a phone. */
async function plannedVisit(admin: Page, manager: Page) {
  const users = await (await admin.request.get('/api/users?q=technician@demo.local')).json();
  const technicianId = ((users.data ?? users) as { id: string; email: string }[]).find(
    (u) => u.email === 'technician@demo.local',
  )!.id;
  const customer = await createCustomer(manager, {
    mobile: '+33612345678',
    addressLine1: '12 rue de la Gare',
    postalCode: '69002',
    city: 'Lyon',
  });
  const res = await manager.request.post(`/api/customers/${customer.id}/interventions`, {
    headers: SAME_ORIGIN,
    data: {
      kind: 'maintenance',
      scheduledAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      durationMinutes: 30,
      technicianId,
      description: 'Vidange hors réseau',
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const intervention = (await res.json()) as { id: string };
  return { customer, interventionId: intervention.id };
}

/** Every card of the day: the customer's name, address and phone link as shown. */
async function dayCards(page: Page) {
  return page.locator('main ol > li').evaluateAll((cards) =>
    cards.map((card) => ({
      text: card.textContent ?? '',
      tel: card.querySelector('a[href^="tel:"]')?.getAttribute('href') ?? null,
    })),
  );
}

/**
 * The header's count, 0 when the list is gone. One read that does not wait: `count()` then `textContent()`
 * raced the list disappearing once the last item went, and `textContent()` then waited for a summary
 * that never came back (no action timeout), so the poll never saw 0.
 */
async function pendingCount(page: Page) {
  const [text] = await page.getByTestId('pending-writes').locator('summary').allTextContents();
  return text === undefined ? 0 : Number(text.match(/\((\d+)\)/)![1]);
}

async function cachedUrls(page: Page) {
  return page.evaluate(async () => {
    const urls: string[] = [];
    // The user's data caches (the precache holds only the build's static files).
    for (const name of ['c360-pages', 'c360-api'])
      if (await caches.has(name)) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
    return urls;
  });
}

test('offline: the day stays readable, writes wait and are sent once, sign-out leaves nothing behind', async ({
  browser,
  baseURL,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'a technician’s phone in a dead zone');
  test.setTimeout(300_000);
  const admin = await signedIn(browser, baseURL!, 'admin');
  const manager = await signedIn(browser, baseURL!, 'manager');
  const { customer, interventionId } = await plannedVisit(admin.page, manager.page);
  const ivPath = `/customers/${customer.id}/interventions/${interventionId}`;

  // One online visit of Ma journée: start the visit; the day's pages are kept on the device.
  const { context, page } = await signedIn(browser, baseURL!, 'technician');
  const card = page.locator('main ol > li').filter({ has: page.locator(`a[href="${ivPath}"]`) });
  await card.getByRole('button', { name: 'Démarrer' }).click();
  await expect(card.getByText('En cours')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 60_000 });
  const online = await dayCards(page);
  expect(online.length).toBeGreaterThan(0);

  // Offline, reloaded: the same day, each customer's address and phone, and the banner.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Ma journée', level: 1 })).toBeVisible();
  await expect(page.getByTestId('offline-banner')).toContainText(
    /Hors ligne — données du \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/,
  );
  await expect(page.getByTestId('stale-marker')).toBeVisible();
  expect(await dayCards(page)).toEqual(online);
  await expect(card).toContainText('12 rue de la Gare');
  await expect(card.getByRole('link', { name: 'Appeler' })).toHaveAttribute('href', /^tel:\+?\d/);

  // The visit, offline: a photo, then the report and « Terminer ».
  await card.getByRole('link', { name: 'Compte rendu' }).click();
  await expect(page).toHaveURL(new RegExp(interventionId));
  await expect(page.getByTestId('stale-marker')).toBeVisible();
  await page.getByTestId('intervention-photo-input').setInputFiles({
    name: 'moteur.png',
    mimeType: 'image/png',
    buffer: PNG_1X1,
  });
  await expect(page.getByText(/Hors ligne : photo enregistrée sur l’appareil/)).toBeVisible();
  await page.getByLabel('Travail effectué').fill('Vidange faite sans réseau.');
  await page.getByLabel('Sans facturation').check();
  await page.getByRole('button', { name: 'Terminer l’intervention' }).click();
  await expect(page.getByText('Hors ligne : enregistré sur l’appareil, en attente d’envoi.').first()).toBeVisible();

  // A note on the customer's page, still offline.
  await page.goto(`/customers/${customer.id}`);
  await page.getByLabel('Nouvelle note').fill('Client absent, clés dans la boîte.');
  await page.getByRole('button', { name: 'Ajouter la note' }).click();
  await expect.poll(() => pendingCount(page)).toBe(3);

  // Back online, and the replay breaks: the photo's first request never leaves, the note's first answer is
  // lost after the server acted. Each item keeps its Idempotency-Key across the retries.
  const keys: Record<string, string[]> = {};
  const failures = { documents: 1, notes: 1 };
  await context.route('**/api/customers/*/**', async (route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.continue();
    const kind = request.url().endsWith('/documents') ? 'documents' : request.url().endsWith('/notes') ? 'notes' : null;
    if (kind) (keys[kind] ??= []).push((await request.headerValue('idempotency-key')) ?? '');
    if (kind === 'documents' && failures.documents-- > 0) return route.abort('internetdisconnected');
    if (kind === 'notes' && failures.notes-- > 0) {
      await route.fetch();
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  await context.setOffline(false);
  const panel = page.getByTestId('pending-writes');
  await expect(panel.locator('summary')).toContainText('(3)');
  await panel.locator('summary').click();
  await expect(panel.getByText(/Réseau indisponible/).first()).toBeVisible();
  await panel.getByRole('button', { name: 'Envoyer maintenant' }).click();
  await expect(panel.getByText(/Réseau indisponible/).first()).toBeVisible();
  await expect.poll(() => pendingCount(page), { timeout: 30_000 }).toBe(1);
  await panel.getByRole('button', { name: 'Envoyer maintenant' }).click();
  await expect.poll(() => pendingCount(page), { timeout: 30_000 }).toBe(0);
  expect(keys.documents).toHaveLength(2);
  expect(keys.documents[0]).toBe(keys.documents[1]);
  expect(keys.notes).toHaveLength(2);
  expect(keys.notes[0]).toBe(keys.notes[1]);

  // The server has exactly one report, one photo, one note.
  const api = manager.page.request;
  const iv = await (await api.get(`/api/customers/${customer.id}/interventions/${interventionId}`)).json();
  expect(iv.status).toBe('done');
  expect(iv.reportDocumentId).toBeTruthy();
  expect(iv.photos).toHaveLength(1);
  const docs = await (await api.get(`/api/customers/${customer.id}/documents`)).json();
  const categories = ((docs.data ?? docs) as { category: string }[]).map((d) => d.category).sort();
  expect(categories).toEqual(['photo', 'report']);
  const notes = await (await api.get(`/api/customers/${customer.id}/notes`)).json();
  expect(((notes.data ?? notes) as { body: string }[]).map((n) => n.body)).toEqual([
    'Client absent, clés dans la boîte.',
  ]);

  // Sign out offline, then in as another user: nothing of the technician's is on the device.
  await page.goto('/ma-journee');
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 60_000 });
  expect((await cachedUrls(page)).some((u) => u.includes(customer.id))).toBe(true);
  await context.setOffline(true);
  await logoutOffline(page);
  await context.setOffline(false);
  await expect(page.getByLabel('Adresse e-mail')).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Adresse e-mail').fill('manager@demo.local');
  await page.getByLabel('Mot de passe').fill('customer360');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/customers/);
  expect(await cachedUrls(page)).toEqual([]);
  expect(await queuedUserIds(page)).toEqual([]);
  await context.setOffline(true);
  for (const path of ['/ma-journee', ivPath, `/customers/${customer.id}`]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Hors ligne', level: 1 })).toBeVisible();
    await expect(page.getByText('12 rue de la Gare')).toHaveCount(0);
  }
  await context.setOffline(false);
  await Promise.all([context, admin.context, manager.context].map((c: BrowserContext) => c.close()));
});

/** The account menu's « Se déconnecter » without a network: the device is cleared, the « Hors ligne » page shows. */
async function logoutOffline(page: Page) {
  await page.locator('summary[aria-label="Menu du compte"]').click();
  await page.getByRole('button', { name: 'Se déconnecter' }).filter({ visible: true }).first().click();
  await expect(page.getByRole('heading', { name: 'Hors ligne', level: 1 })).toBeVisible();
}

async function queuedUserIds(page: Page) {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('c360-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('items')) return resolve([]);
          const all = db.transaction('items').objectStore('items').getAll();
          all.onsuccess = () => resolve((all.result as { userId: string }[]).map((i) => i.userId));
        };
      }),
  );
}
