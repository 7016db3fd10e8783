import { expect, test } from '@playwright/test';
import { linkInMail, startSmtpServer } from '../factories/smtp';
import { emptyDataDir, npmRunUser, type OwnServer, printedUserCommand, startApp } from './own-server';

/**
 * README "Bootstrapping a deployment", as a new customer lives it: DEMO=0 on an empty data directory, the
 * command npm start prints creates the first admin, who invites a technician by e-mail (a real SMTP
 * server on loopback); the technician opens the link on a phone, sets a password, signs in and sees the
 * technician's app; the admin deactivates them and their open session is refused on the next request.
 */
const PORT = Number(process.env.E2E_ONBOARDING_PORT ?? 3117);
const ADMIN = {
  email: 'claire.dubois@garage-martin.fr',
  name: 'Claire Dubois',
  password: 'atelier pneus vidange lumière',
};
const TECH = { email: 'karim.benali@garage-martin.fr', name: 'Karim Benali', password: 'camion orange bougie soleil' };

test.setTimeout(480_000);

let server: OwnServer | undefined;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
test.afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

test('first admin from the CLI, technician invited by e-mail on a phone, deactivation ends the session', async ({
  browser,
}) => {
  smtp = await startSmtpServer();
  const dataDir = await emptyDataDir('onboarding');
  const env = { DEMO: '0', DATA_DIR: dataDir, SMTP_URL: smtp.url, APP_URL: `http://127.0.0.1:${PORT}` };

  // 1. npm start on an empty directory says how to create the first admin; with PGlite, the app is stopped first.
  server = await startApp(env, PORT);
  const args = printedUserCommand(server.output(), ADMIN);
  expect(args).toEqual(expect.arrayContaining(['--role', 'admin']));
  await server.stop();
  const printed = await npmRunUser([...args, '--password-stdin'], env, `${ADMIN.password}\n`);
  expect(printed).toContain(`Compte créé : ${ADMIN.name}`);
  server = await startApp(env, PORT);

  // 2. The admin signs in and invites the technician.
  const adminContext = await browser.newContext({ baseURL: server.url, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const admin = await adminContext.newPage();
  await admin.goto('/login');
  await admin.getByLabel('Adresse e-mail').fill(ADMIN.email);
  await admin.getByLabel('Mot de passe').fill(ADMIN.password);
  await admin.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await expect(admin).toHaveURL(/\/customers/);
  await admin.goto('/admin/users');
  const invite = admin.getByRole('form', { name: 'Inviter une personne' });
  await invite.getByLabel('Nom').fill(TECH.name);
  await invite.getByLabel('Adresse e-mail').fill(TECH.email);
  await invite.getByLabel('Rôle').selectOption('technician');
  await invite.getByRole('button', { name: 'Envoyer l’invitation' }).click();
  await expect(admin.getByText(`Invitation envoyée à ${TECH.email}.`)).toBeVisible();
  await expect(admin.getByTestId('user-row').filter({ hasText: TECH.email })).toContainText('Invité');

  // 3. The e-mail arrives; the technician opens it on a phone.
  await expect.poll(() => smtp.received.filter((m) => m.to.includes(TECH.email)).length).toBe(1);
  const link = linkInMail(smtp.received.find((m) => m.to.includes(TECH.email))!.raw);
  expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${PORT}/set-password#`));
  const phoneContext = await browser.newContext({
    baseURL: server.url,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const phone = await phoneContext.newPage();
  await phone.goto(link!);
  await expect(phone.getByText(`Bienvenue ${TECH.name}`)).toBeVisible();
  // The secret left the address bar as soon as the page read it.
  expect(phone.url()).not.toContain('#');
  await phone.getByLabel('Nouveau mot de passe').fill('motdepasse123');
  await phone.getByLabel('Confirmation').fill('motdepasse123');
  await phone.getByRole('button', { name: 'Enregistrer et se connecter' }).click();
  await expect(phone.getByText(/trop facile à deviner/).first()).toBeVisible();
  await phone.getByLabel('Nouveau mot de passe').fill(TECH.password);
  await phone.getByLabel('Confirmation').fill(TECH.password);
  await phone.getByRole('button', { name: 'Enregistrer et se connecter' }).click();
  // Signed in, on the technician's landing page (whichever it is).
  await expect(phone.locator('summary[aria-label="Menu du compte"]')).toBeVisible();
  await expect(phone).not.toHaveURL(/\/(login|set-password)/);
  await phone.locator('summary[aria-label="Menu du compte"]').click();
  await expect(phone.getByText('Technicien').filter({ visible: true })).toBeVisible();
  await expect(phone.getByRole('link', { name: 'Admin' })).toHaveCount(0);
  const scroll = await phone.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(scroll).toBeLessThanOrEqual(1);
  // The link worked once.
  const second = await phoneContext.newPage();
  await second.goto(link!);
  await expect(second.getByText('Ce lien n’est plus valable')).toBeVisible();
  await second.close();

  // 4. The admin deactivates the technician: the phone's next request is refused.
  await admin.reload();
  const row = admin.getByTestId('user-row').filter({ hasText: TECH.email });
  await expect(row).toContainText('Actif');
  await row.getByRole('button', { name: `Désactiver ${TECH.name}` }).click();
  await admin.getByRole('dialog').getByRole('button', { name: 'Désactiver' }).click();
  await expect(row).toContainText('Désactivé');
  await phone.goto('/customers');
  await expect(phone).toHaveURL(/\/login/);
  const api = await phone.request.get('/api/customers');
  expect(api.status()).toBe(401);

  // 5. The journal has the story, with who did it.
  await admin.goto('/admin/journal');
  const journal = admin.getByTestId('journal-row');
  await expect(journal.filter({ hasText: 'Compte désactivé' })).toContainText(ADMIN.name);
  await expect(
    journal.filter({ hasText: 'Mot de passe défini (invitation)' }).filter({ hasText: TECH.email }),
  ).toHaveCount(1);
  await expect(journal.filter({ hasText: 'Invitation envoyée' }).filter({ hasText: TECH.email })).toContainText(
    ADMIN.name,
  );
  await adminContext.close();
  await phoneContext.close();
});
