import type { Page } from '@playwright/test';
import { createCustomer, expect, test } from './fixtures';

test.use({ role: 'manager' });

/** The grid is a table on wide screens and one list per purpose on phones: use whichever is shown. */
const visibleButton = (page: Page, name: string) =>
  page.getByRole('button', { name, exact: true }).filter({ visible: true });

async function grant(page: Page, purpose: string, channel: string, textVersion: string, proof: string) {
  await visibleButton(page, `Accorder le consentement ${purpose} par ${channel}`).click();
  const dialog = page.getByRole('dialog', { name: 'Enregistrer un accord' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Comment le client a-t-il donné son accord ?').selectOption({ label: 'Formulaire papier' });
  await dialog.getByLabel('Version du texte accepté').fill(textVersion);
  await dialog.getByLabel('Preuve (facultatif)').fill(proof);
  await dialog.getByRole('button', { name: 'Enregistrer l’accord' }).click();
  await expect(dialog).toBeHidden();
  await expect(visibleButton(page, `Retirer le consentement ${purpose} par ${channel}`)).toBeVisible();
}

test('grant a consent with its proof and find it in the history', async ({ page }) => {
  const { id } = await createCustomer(page);
  await page.goto(`/customers/${id}/consents`);
  await expect(page.getByText('Aucun consentement enregistré')).toBeVisible();

  // A grant without the text version is refused before anything is sent.
  await visibleButton(page, 'Accorder le consentement Enquêtes de satisfaction par sms').click();
  const dialog = page.getByRole('dialog', { name: 'Enregistrer un accord' });
  await dialog.getByLabel('Comment le client a-t-il donné son accord ?').selectOption({ label: 'Formulaire papier' });
  await dialog.getByRole('button', { name: 'Enregistrer l’accord' }).click();
  await expect(dialog.getByLabel('Version du texte accepté')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await expect(dialog).toBeHidden();

  const proof = `Bon signé n° ${Date.now().toString(36)}`;
  await grant(page, 'Enquêtes de satisfaction', 'sms', 'ENQ-2025-03', proof);

  const history = page.locator('#historique');
  const entry = history.locator('tr:visible, li:visible').filter({ hasText: proof });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('Accord');
  await expect(entry).toContainText('Enquêtes de satisfaction');
  await expect(entry).toContainText('SMS');
  await expect(entry).toContainText('Texte ENQ-2025-03');
  await expect(entry).toContainText('Formulaire papier');
});

test('a marketing e-mail is refused without consent, then queued once marketing by e-mail is granted', async ({
  page,
}) => {
  const { id } = await createCustomer(page);
  await page.goto(`/customers/${id}/consents`);
  const email = page.locator('#email');
  await email.getByRole('button', { name: 'Rédiger un e-mail' }).click();

  const send = async (subject: string) => {
    await email.getByLabel('Finalité').selectOption('marketing');
    await email.getByLabel('Objet').fill(subject);
    await email.getByLabel('Message').fill('Profitez de -20 % sur votre prochaine révision.');
    await email.getByRole('button', { name: 'Envoyer' }).click();
  };

  const refused = `Promo refusée ${Date.now().toString(36)}`;
  await email.getByLabel('Finalité').selectOption('marketing');
  await expect(email.getByText(/n’a pas donné son consentement/)).toBeVisible();
  await send(refused);
  await expect(email.getByRole('alert')).toContainText(
    'Envoi refusé : le client n’a jamais donné son consentement « Prospection commerciale » par e-mail.',
  );
  // The refusal is kept in the outbox list as blocked, with its reason.
  const outbox = email.locator('li').filter({ hasText: refused });
  await expect(outbox).toContainText('Bloqué');

  await grant(page, 'Prospection commerciale', 'e-mail', 'NEWS-2025-01', 'Case cochée sur le formulaire web');
  const allowed = `Promo acceptée ${Date.now().toString(36)}`;
  await send(allowed);
  await expect(email.getByRole('status').filter({ hasText: /file|envoy/i })).toBeVisible();
  await expect(email.locator('li').filter({ hasText: allowed })).toContainText(/En file|Envoyé/);
});
