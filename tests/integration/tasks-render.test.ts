import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { TasksSection } from '@/components/customers/profile/tasks-section';
import { NavLinks } from '@/components/shell/nav-links';
import { getDb } from '@/db';
import { customerAbilities } from '@/lib/auth/permissions';
import { addDays, parisToday } from '@/lib/interventions/time';
import { createTask, updateTask } from '@/lib/tasks/mutations';
import { overdueTaskCount } from '@/lib/tasks/page';
import { actorFor, createCustomer, createUser } from '../factories';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

/**
 * The record's « À faire » block and the navigation badge as the browser receives them: overdue marked
 * in words (Paris day), the checkbox enabled only for who may tick the task, nothing internal shown.
 */
describe('« À faire » block and overdue badge', () => {
  it('renders open tasks with their state, the done ones folded, and who may tick each', async () => {
    const db = getDb();
    const manager = actorFor(await createUser('manager'));
    const assignee = await createUser('technician');
    const stranger = await createUser('technician');
    const customer = await createCustomer();
    const today = parisToday();
    const late = await createTask(db, manager, customer.id, {
      title: 'Rappeler le client',
      dueDate: addDays(today, -1),
      assigneeId: assignee.id,
      interventionId: null,
      invoiceId: null,
    });
    await createTask(db, manager, customer.id, {
      title: 'Envoyer le devis',
      dueDate: addDays(today, 3),
      assigneeId: null,
      interventionId: null,
      invoiceId: null,
    });
    const finished = await createTask(db, manager, customer.id, {
      title: 'Commander les pièces',
      dueDate: null,
      assigneeId: null,
      interventionId: null,
      invoiceId: null,
    });
    await updateTask(db, manager, customer.id, finished.id, { completed: true });

    const render = async (viewer: ReturnType<typeof actorFor>) =>
      renderToStaticMarkup(
        await TasksSection({ customerId: customer.id, viewer, abilities: customerAbilities(viewer, customer) }),
      );
    const mine = await render(actorFor(assignee));
    expect(mine).toContain('À faire');
    expect(mine).toContain('2 à faire, dont 1 en retard');
    expect(mine).toContain('En retard');
    expect(mine).toContain(`Assignée à ${assignee.name}`);
    expect(mine).toContain('Non assignée');
    expect(mine).toContain('Terminées récemment (1)');
    expect(mine).toContain('Nouvelle tâche');
    const box = (html: string, title: string) =>
      new RegExp(`<input[^>]*aria-label="Terminer : ${title}"[^>]*>`).exec(html)?.[0] ?? '';
    expect(box(mine, 'Rappeler le client')).not.toContain('disabled');
    // Another technician neither created nor is assigned it: the box is there, but disabled.
    expect(box(await render(actorFor(stranger)), 'Rappeler le client')).toContain('disabled');
    // Read-only: no quick add, every box disabled.
    const viewerHtml = await render(actorFor(await createUser('viewer')));
    expect(viewerHtml).not.toContain('Nouvelle tâche');
    expect(box(viewerHtml, 'Envoyer le devis')).toContain('disabled');
    // Ids stay in attributes: none in the text a person reads.
    const text = mine.replace(/<[^>]+>/g, ' ');
    expect(text).not.toContain(late.id);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

    expect(await overdueTaskCount(actorFor(assignee))).toBe(1);
    expect(await overdueTaskCount(actorFor(stranger))).toBe(0);
    const nav = renderToStaticMarkup(
      createElement(NavLinks, {
        items: [{ href: '/taches', label: 'Mes tâches', match: '/taches', badge: { count: 1, label: '1 en retard' } }],
      }),
    );
    expect(nav).toContain('data-testid="overdue-tasks-badge"');
    expect(nav).toContain('(1 en retard)');
  });
});
