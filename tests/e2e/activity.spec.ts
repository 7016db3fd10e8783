import { createCustomer, expect, test } from './fixtures';

test.use({ role: 'manager' });

test('add a call and a note from the Activity tab, see them at once, filter the timeline by type', async ({ page }) => {
  const { id } = await createCustomer(page);
  await page.goto(`/customers/${id}/activity`);
  const timeline = page.getByTestId('activity-timeline');

  const addActivity = async (type: string | null, title: string) => {
    const form = page.getByTestId('activity-form');
    if (!(await form.isVisible())) await page.getByText('Ajouter une activité', { exact: true }).click();
    if (type) await form.getByLabel('Type').selectOption({ label: type });
    await form.getByLabel('Titre').fill(title);
    await form.getByRole('button', { name: 'Enregistrer l’activité' }).click();
    // Shown without a reload: the action's answer is inserted into the list.
    await expect(timeline.getByTestId('activity-entry').filter({ hasText: title })).toBeVisible();
    await expect(form.getByLabel('Titre')).toHaveValue('');
  };

  const call = `Appel devis ${Date.now().toString(36)}`;
  const note = `Note atelier ${Date.now().toString(36)}`;
  await addActivity(null, call); // "Appel" is the default type
  await expect(timeline.getByTestId('activity-entry').filter({ hasText: call })).toHaveAttribute('data-type', 'call');
  await addActivity('Note', note);
  await expect(timeline.getByTestId('activity-entry').filter({ hasText: note })).toHaveAttribute('data-type', 'note');
  await expect(page.getByRole('heading', { name: 'Aujourd’hui' })).toBeVisible();

  // A required field left empty: a French message next to the field, nothing added.
  await page.getByTestId('activity-form').getByRole('button', { name: 'Enregistrer l’activité' }).click();
  await expect(page.getByTestId('activity-form').getByText('Le titre est obligatoire.')).toBeVisible();

  // Filter: calls only (a plain GET form, so the filter lives in the URL).
  await page.reload();
  const filters = page.getByTestId('activity-filters');
  await filters.getByRole('checkbox', { name: /^Appel/ }).check();
  await filters.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/[?&]type=call\b/);
  await expect(timeline.getByTestId('activity-entry').filter({ hasText: call })).toBeVisible();
  await expect(timeline.getByTestId('activity-entry').filter({ hasText: note })).toHaveCount(0);
  const types = await timeline
    .getByTestId('activity-entry')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
  expect(new Set(types)).toEqual(new Set(['call']));

  // Reset brings everything back.
  await filters.getByRole('link', { name: 'Réinitialiser' }).click();
  await expect(page).not.toHaveURL(/type=/);
  await expect(timeline.getByTestId('activity-entry').filter({ hasText: note })).toBeVisible();
});
