import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { customerActivity, tasks } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import type { Actor } from '@/lib/auth/actor';
import { eraseCustomer } from '@/lib/customers/mutations';
import { parisToday } from '@/lib/interventions/time';
import { createTask, updateTask } from '@/lib/tasks/mutations';
import { countOverdueTasks, listTasks, parisWeek } from '@/lib/tasks/queries';
import { actorFor, bearersByRole, createBearer, createCustomer, createUser } from '@/tests/factories';
import { insertIntervention, insertInvoice } from '@/tests/factories/finances';
import { call, callRawJson } from '@/tests/factories/http';

let current: Actor | null = null;
vi.mock('@/lib/auth/session', async () => (await import('@/tests/factories/session-mock')).sessionMock(() => current));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const listRoute = await import('@/app/api/customers/[id]/tasks/route');
const taskRoute = await import('@/app/api/customers/[id]/tasks/[taskId]/route');
const myTasksRoute = await import('@/app/api/tasks/route');
const { createTaskAction, updateTaskAction } = await import('@/lib/tasks/actions');
const { initialActionState } = await import('@/lib/actions');

let auth: Record<Role, string>;
let manager: Actor;
beforeAll(async () => {
  auth = await bearersByRole();
  manager = actorFor(await createUser('manager'));
});

const db = () => getDb();
const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};
async function taskCount(customerId: string) {
  const [r] = await db().select({ n: count() }).from(tasks).where(eq(tasks.customerId, customerId));
  return Number(r.n);
}
async function taskActivities(customerId: string) {
  return db()
    .select()
    .from(customerActivity)
    .where(and(eq(customerActivity.customerId, customerId), eq(customerActivity.type, 'task')))
    .orderBy(customerActivity.createdAt);
}
const post = (id: string, body: unknown, who = auth.manager) =>
  call(listRoute.POST, { method: 'POST', params: { id }, auth: who, body });
const patch = (id: string, taskId: string, body: unknown, who = auth.manager) =>
  call(taskRoute.PATCH, { method: 'PATCH', params: { id, taskId }, auth: who, body });

describe('customer tasks API', () => {
  it('creates with an activity row written in the same transaction, lists open then done', async () => {
    const c = await createCustomer();
    const tech = await createUser('technician');
    const created = await post(c.id, {
      title: '  Rappeler pour le devis  ',
      dueDate: '2026-03-20',
      assigneeId: tech.id,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      customerId: c.id,
      title: 'Rappeler pour le devis',
      dueDate: '2026-03-20',
      assigneeId: tech.id,
      assigneeName: tech.name,
      done: false,
    });
    const [row] = await db().select().from(tasks).where(eq(tasks.id, created.body.id));
    const [activity] = await taskActivities(c.id);
    expect(activity).toMatchObject({
      title: 'Tâche ajoutée',
      description: 'Rappeler pour le devis',
      relatedType: 'task',
      relatedId: row.id,
      metadata: { dueDate: '2026-03-20', assignee: tech.name },
    });
    // now() is the transaction's start: equal timestamps = one transaction.
    expect(activity.createdAt.getTime()).toBe(row.createdAt.getTime());

    const done = await patch(c.id, row.id, { completed: true });
    expect(done.status).toBe(200);
    expect(done.body.done).toBe(true);
    const open = await call(listRoute.GET, { params: { id: c.id }, auth: auth.viewer });
    expect(open.status).toBe(200);
    expect(open.body.data).toEqual([]);
    const closed = await call(listRoute.GET, { params: { id: c.id }, auth: auth.viewer, query: { status: 'done' } });
    expect(closed.body.data.map((t: { id: string }) => t.id)).toEqual([row.id]);
  });

  it('roles: viewers read but cannot add (403, nothing written); technicians add', async () => {
    const c = await createCustomer();
    const refused = await post(c.id, { title: 'Relancer' }, auth.viewer);
    expect(refused.status).toBe(403);
    expect(await taskCount(c.id)).toBe(0);
    const tech = await post(c.id, { title: 'Relancer' }, auth.technician);
    expect(tech.status).toBe(201);
    expect(tech.body.assigneeId).toBeNull();
  });

  it('bad input → 4xx with nothing written', async () => {
    const c = await createCustomer();
    const inactive = await createUser('technician', { active: false });
    const bad: unknown[] = [
      {},
      { title: '   ' },
      { title: 'x'.repeat(201) },
      { title: 'Ok', dueDate: '2026-02-30' },
      { title: 'Ok', dueDate: '20/03/2026' },
      { title: 'Ok', assigneeId: 'pas-un-uuid' },
      { title: 'Ok', assigneeId: inactive.id },
      { title: 'Ok', assigneeId: '00000000-0000-4000-8000-000000000000' },
      { title: 'Ok', unknown: 1 },
      { title: 42 },
    ];
    for (const body of bad) {
      const res = await post(c.id, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await callRawJson(listRoute.POST, '{"title":', { params: { id: c.id }, auth: auth.manager })).status).toBe(
      400,
    );
    expect(await taskCount(c.id)).toBe(0);
    expect(await taskActivities(c.id)).toEqual([]);
  });

  it('links: an intervention or invoice of another customer → 404, nothing written; technicians link no invoice', async () => {
    const [a, b] = [await createCustomer(), await createCustomer()];
    const ivB = await insertIntervention(b.id);
    const invB = await insertInvoice(b.id);
    expect((await post(a.id, { title: 'Suivi', interventionId: ivB.id })).status).toBe(404);
    expect((await post(a.id, { title: 'Suivi', invoiceId: invB.id })).status).toBe(404);
    expect(await taskCount(a.id)).toBe(0);

    const ivA = await insertIntervention(a.id);
    const invA = await insertInvoice(a.id);
    const ok = await post(a.id, { title: 'Suivi', interventionId: ivA.id, invoiceId: invA.id });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ interventionId: ivA.id, invoiceId: invA.id });
    const [activity] = await taskActivities(a.id);
    expect(activity.metadata).toMatchObject({ invoiceNumber: invA.number });
    expect((await post(a.id, { title: 'Suivi', invoiceId: invA.id }, auth.technician)).status).toBe(403);
  });

  it('a task of another customer → 404 and unchanged', async () => {
    const [a, b] = [await createCustomer(), await createCustomer()];
    const t = await createTask(db(), manager, b.id, {
      title: 'À B',
      dueDate: null,
      assigneeId: null,
      interventionId: null,
      invoiceId: null,
    });
    const res = await patch(a.id, t.id, { completed: true });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('À B');
    const [row] = await db().select().from(tasks).where(eq(tasks.id, t.id));
    expect(row.completedAt).toBeNull();
  });

  it('erased customer → 409 on create and edit', async () => {
    const c = await createCustomer();
    const t = await post(c.id, { title: 'Rappeler' });
    await eraseCustomer(db(), actorFor(await createUser('admin')), c.id);
    expect((await post(c.id, { title: 'Encore' })).status).toBe(409);
    expect((await patch(c.id, t.body.id, { completed: true })).status).toBe(409);
    // The erasure removed the task (free text about the person).
    expect(await taskCount(c.id)).toBe(0);
  });

  it('complete / reopen / edit: activity rows; technicians only on their own or assigned tasks', async () => {
    const c = await createCustomer();
    const techUser = await createUser('technician');
    const other = await createUser('technician');
    const t = await createTask(db(), manager, c.id, {
      title: 'Passer voir le client',
      dueDate: '2026-03-10',
      assigneeId: techUser.id,
      interventionId: null,
      invoiceId: null,
    });
    await expect(updateTask(db(), actorFor(other), c.id, t.id, { completed: true })).rejects.toMatchObject({
      status: 403,
    });
    const doneTask = await updateTask(db(), actorFor(techUser), c.id, t.id, { completed: true });
    expect(doneTask.done).toBe(true);
    const [row] = await db().select().from(tasks).where(eq(tasks.id, t.id));
    expect(row.completedBy).toBe(techUser.id);
    const reopened = await updateTask(db(), actorFor(techUser), c.id, t.id, { completed: false });
    expect(reopened).toMatchObject({ done: false, completedAt: null });
    const edited = await patch(c.id, t.id, { dueDate: null, assigneeId: other.id, title: 'Passer mardi' });
    expect(edited.body).toMatchObject({ dueDate: null, assigneeId: other.id, title: 'Passer mardi' });
    // A no-op edit writes nothing.
    await patch(c.id, t.id, { title: 'Passer mardi' });
    const titles = (await taskActivities(c.id)).map((a) => a.title);
    expect(titles).toEqual(['Tâche ajoutée', 'Tâche terminée', 'Tâche rouverte', 'Tâche modifiée']);
    const [, , , change] = await taskActivities(c.id);
    expect(change.metadata).toEqual({
      changes: {
        title: { from: 'Passer voir le client', to: 'Passer mardi' },
        dueDate: { from: '2026-03-10', to: null },
        assignee: { from: techUser.name, to: other.name },
      },
    });
    // A technician token edits the tasks it created.
    const token = await createBearer('technician');
    const own = await post(c.id, { title: 'Le mien' }, token.authorization);
    expect((await patch(c.id, own.body.id, { completed: true }, token.authorization)).status).toBe(200);
    expect((await patch(c.id, own.body.id, { completed: true }, auth.technician)).status).toBe(403);
  });

  it('server actions: quick add from the form (empty fields = none), tick, same permission', async () => {
    const c = await createCustomer();
    const techUser = await createUser('technician');
    current = actorFor(techUser);
    const r = await createTaskAction(
      c.id,
      initialActionState,
      form({ title: 'Envoyer le devis', dueDate: '', assigneeId: techUser.id }),
    );
    expect(r).toMatchObject({ ok: true, message: 'Tâche ajoutée.' });
    const [row] = await db().select().from(tasks).where(eq(tasks.customerId, c.id));
    expect(row).toMatchObject({ dueDate: null, assigneeId: techUser.id, createdBy: techUser.id });
    const bad = await createTaskAction(c.id, initialActionState, form({ title: '' }));
    expect(bad.ok).toBe(false);
    expect(bad.fieldErrors?.title).toBeTruthy();
    const tick = await updateTaskAction(c.id, row.id, initialActionState, form({ completed: 'true' }));
    expect(tick).toMatchObject({ ok: true, message: 'Tâche terminée.' });
    current = actorFor(await createUser('viewer'));
    const refused = await createTaskAction(c.id, initialActionState, form({ title: 'Non' }));
    expect(refused.ok).toBe(false);
    expect(await taskCount(c.id)).toBe(1);
    current = null;
  });
});

describe('« Mes tâches »', () => {
  it('overdue and this-week filters follow the Paris day around midnight', async () => {
    const c = await createCustomer();
    const me = await createUser('technician');
    const add = (title: string, dueDate: string | null) =>
      createTask(db(), manager, c.id, { title, dueDate, assigneeId: me.id, interventionId: null, invoiceId: null });
    await add('Dimanche', '2026-03-15');
    await add('Lundi suivant', '2026-03-16');
    await add('Lundi', '2026-03-09');
    await add('Sans date', null);
    const notMine = await createTask(db(), manager, c.id, {
      title: 'Pas à moi',
      dueDate: '2026-03-01',
      assigneeId: null,
      interventionId: null,
      invoiceId: null,
    });

    // Sunday 15 March 2026, 23:30 in Paris (UTC+1) is still the 15th; 00:30 on the 16th is Monday.
    const sundayNight = parisToday(new Date('2026-03-15T22:30:00Z'));
    const mondayMorning = parisToday(new Date('2026-03-15T23:30:00Z'));
    expect([sundayNight, mondayMorning]).toEqual(['2026-03-15', '2026-03-16']);
    expect(parisWeek(sundayNight)).toEqual({ monday: '2026-03-09', sunday: '2026-03-15' });

    const titles = async (filter: 'open' | 'overdue' | 'week' | 'done', today: string) =>
      (await listTasks(db(), { assigneeId: me.id, filter, today })).data.map((t) => t.title);
    expect(await titles('overdue', sundayNight)).toEqual(['Lundi']);
    expect(await titles('overdue', mondayMorning)).toEqual(['Lundi', 'Dimanche']);
    expect(await titles('week', sundayNight)).toEqual(['Lundi', 'Dimanche']);
    expect(await titles('week', mondayMorning)).toEqual(['Lundi suivant']);
    expect(await titles('open', sundayNight)).toEqual(['Lundi', 'Dimanche', 'Lundi suivant', 'Sans date']);
    expect(await countOverdueTasks(db(), me.id, sundayNight)).toBe(1);
    expect(await countOverdueTasks(db(), me.id, mondayMorning)).toBe(2);

    // Summer time (UTC+2): 22:30 UTC on Sunday 5 July is already Monday the 6th in Paris.
    expect(parisToday(new Date('2026-07-05T22:30:00Z'))).toBe('2026-07-06');

    // Done: latest first, out of the open filters and the count.
    const [lundi] = (await listTasks(db(), { assigneeId: me.id, filter: 'overdue', today: sundayNight })).data;
    await updateTask(db(), actorFor(me), c.id, lundi.id, { completed: true });
    expect(await titles('done', sundayNight)).toEqual(['Lundi']);
    expect(await countOverdueTasks(db(), me.id, sundayNight)).toBe(0);
    const page = await listTasks(db(), { assigneeId: null, filter: 'overdue', today: sundayNight });
    expect(page.data.map((t) => t.id)).toContain(notMine.id);
    expect(page.data[0]).toMatchObject({ customerNumber: c.number });
  });

  it('keyset pages cover every open task once', async () => {
    const c = await createCustomer();
    const me = await createUser('manager');
    const days = ['2026-04-03', null, '2026-04-01', '2026-04-01', '2026-04-02', null, '2026-04-05'];
    for (const [i, d] of days.entries())
      await createTask(db(), manager, c.id, {
        title: `T${i}`,
        dueDate: d,
        assigneeId: me.id,
        interventionId: null,
        invoiceId: null,
      });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTasks(db(), { assigneeId: me.id, filter: 'open', limit: 2, cursor });
      seen.push(...page.data.map((t) => t.dueDate ?? 'none'));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['2026-04-01', '2026-04-01', '2026-04-02', '2026-04-03', '2026-04-05', 'none', 'none']);
  });

  it('API: a token names whose tasks; technicians list only their own; bad filter → 422', async () => {
    const me = await createUser('technician');
    const c = await createCustomer();
    await createTask(db(), manager, c.id, {
      title: 'À moi',
      dueDate: null,
      assigneeId: me.id,
      interventionId: null,
      invoiceId: null,
    });
    const res = await call(myTasksRoute.GET, { auth: auth.viewer, query: { assignee: me.id, filter: 'open' } });
    expect(res.status).toBe(200);
    expect(res.body.data.map((t: { title: string }) => t.title)).toEqual(['À moi']);
    expect((await call(myTasksRoute.GET, { auth: auth.manager })).status).toBe(400);
    expect((await call(myTasksRoute.GET, { auth: auth.technician, query: { assignee: 'all' } })).status).toBe(403);
    expect(
      (await call(myTasksRoute.GET, { auth: auth.manager, query: { assignee: 'all', filter: 'late' } })).status,
    ).toBe(422);
    expect(
      (await call(myTasksRoute.GET, { auth: auth.manager, query: { assignee: 'all', cursor: 'xx' } })).status,
    ).toBe(400);
  });
});
