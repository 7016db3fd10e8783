import { expectNoHorizontalScroll } from './helpers';
import { createCustomer, expect, isPhone, test } from './fixtures';

/**
 * Follow-up tasks (« À faire »), desktop and phone: add one from the record (overdue on purpose), see the
 * header badge, tick it from « Mes tâches », find it under « Terminées », reopen it, and add another from
 * the timeline, whose history shows both.
 */
test.use({ role: 'manager' });
// One long journey over three pages (each action revalidates them): more than the default minute on a loaded machine.
test.setTimeout(150_000);

const parisDay = (offsetDays: number) => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + offsetDays)).toISOString().slice(0, 10);
};

test('add an overdue task on the record, complete and reopen it from « Mes tâches », add one from the timeline', async ({
  page,
}) => {
  const { id, name } = await createCustomer(page);
  const title = `Rappeler pour le devis ${Date.now().toString(36)}`;

  await page.goto(`/customers/${id}`);
  const block = page.locator('#a-faire');
  await block.getByLabel('Nouvelle tâche').fill(title);
  await block.getByLabel('Échéance').fill(parisDay(-1));
  await expect(block.getByLabel('Assigné à')).not.toHaveValue('');
  await block.getByRole('button', { name: 'Ajouter la tâche' }).click();
  const row = block.getByTestId('task-row').filter({ hasText: title });
  await expect(row).toBeVisible();
  await expect(row.getByText('En retard')).toBeVisible();
  await expect(block.getByLabel('Nouvelle tâche')).toHaveValue('');
  // A required title left empty: a French message, nothing added.
  await block.getByRole('button', { name: 'Ajouter la tâche' }).click();
  await expect(block.getByTestId('task-row')).toHaveCount(1);

  // The header counts my overdue tasks (the demo data may already have some).
  await page.reload();
  await expect(page.getByTestId('overdue-tasks-badge').filter({ visible: true }).first()).toBeVisible();

  await page.goto('/taches?filtre=overdue');
  await expect(page.getByRole('heading', { name: 'Mes tâches', level: 1 })).toBeVisible();
  const mine = page.getByTestId('task-row').filter({ hasText: title });
  await expect(mine.getByRole('link', { name: new RegExp(name) })).toBeVisible();
  const box = mine.getByRole('checkbox', { name: `Terminer : ${title}` });
  if (isPhone(page)) {
    const target = await mine.locator('label').first().boundingBox();
    expect(target!.height).toBeGreaterThanOrEqual(44);
    expect(target!.width).toBeGreaterThanOrEqual(44);
    await expectNoHorizontalScroll(page);
  }
  await box.check();
  await expect(page.getByText('Tâche terminée.')).toBeVisible();

  // Scoped: the navigation's « Mes tâches (1 en retard) » also says « en retard ».
  const filters = page.getByRole('navigation', { name: 'Filtres des tâches' });
  await filters.getByRole('link', { name: 'Terminées', exact: true }).click();
  await expect(page).toHaveURL(/filtre=done/);
  const done = page.getByTestId('task-row').filter({ hasText: title });
  await done.getByRole('checkbox', { name: `Rouvrir : ${title}` }).uncheck();
  await expect(page.getByText('Tâche rouverte.')).toBeVisible();
  await filters.getByRole('link', { name: 'En retard', exact: true }).click();
  await expect(page.getByTestId('task-row').filter({ hasText: title })).toBeVisible();

  // From the timeline: the history shows what happened, and another task can be added there.
  await page.goto(`/customers/${id}/activity`);
  const timeline = page.getByTestId('activity-timeline');
  await expect(timeline.getByTestId('activity-entry').filter({ hasText: 'Tâche terminée' })).toBeVisible();
  await expect(timeline.getByTestId('activity-entry').filter({ hasText: 'Tâche rouverte' })).toBeVisible();
  await page.getByText('Ajouter une tâche', { exact: true }).click();
  const second = `Envoyer le compte rendu ${Date.now().toString(36)}`;
  await page.getByLabel('Nouvelle tâche').fill(second);
  await page.getByLabel('Échéance').fill(parisDay(2));
  await page.getByRole('button', { name: 'Ajouter la tâche' }).click();
  await expect(page.getByText('Tâche ajoutée.')).toBeVisible();
  await expect(
    timeline.getByTestId('activity-entry').filter({ hasText: 'Tâche ajoutée' }).filter({ hasText: second }),
  ).toBeVisible();
  if (isPhone(page)) await expectNoHorizontalScroll(page);
});
