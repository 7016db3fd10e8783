import 'server-only';
import { getDb } from '@/db';
import type { Actor } from '@/lib/auth/actor';
import { can, canManageTask } from '@/lib/auth/permissions';
import { loadAssignableTechnicians } from '@/lib/interventions/page';
import { parisToday } from '@/lib/interventions/time';
import { countOverdueTasks, listCustomerTasks, listTasks } from './queries';
import type { TaskDto, TaskFilter, TaskListItem, TaskView } from './schema';

type Viewer = Pick<Actor, 'kind' | 'id' | 'role'>;

function view<T extends TaskDto>(task: T, viewer: Viewer, writable: boolean, today: string): TaskView<T> {
  return {
    ...task,
    canManage: writable && canManageTask(viewer, task),
    overdue: !task.done && task.dueDate !== null && task.dueDate < today,
  };
}

/**
 * The record's « À faire » block: open tasks by due date (50 at most), the five last done, and who may be
 * assigned. `writable` is false on an erased customer, whatever the role.
 */
export async function loadCustomerTasks(customerId: string, viewer: Viewer, opts: { writable: boolean }) {
  const db = getDb();
  const today = parisToday();
  const [open, done, people] = await Promise.all([
    listCustomerTasks(db, { customerId, status: 'open', limit: 50 }),
    listCustomerTasks(db, { customerId, status: 'done', limit: 5 }),
    opts.writable ? loadAssignableTechnicians() : Promise.resolve([]),
  ]);
  return {
    open: open.data.map((t) => view(t, viewer, opts.writable, today)),
    done: done.data.map((t) => view(t, viewer, opts.writable, today)),
    truncated: open.nextCursor !== null,
    people,
  };
}

/** « Mes tâches »: the signed-in user's tasks (or everyone's, for the roles that may see them). */
export async function loadMyTasks(
  actor: Actor,
  params: { filter: TaskFilter; everyone: boolean; cursor?: string },
): Promise<{ data: TaskView<TaskListItem>[]; nextCursor: string | null }> {
  const today = parisToday();
  const everyone = params.everyone && actor.role !== 'technician';
  const page = await listTasks(getDb(), {
    assigneeId: everyone ? null : actor.id,
    filter: params.filter,
    limit: 50,
    cursor: params.cursor,
    today,
  });
  const writable = can(actor.role, 'task.write');
  return { data: page.data.map((t) => view(t, actor, writable, today)), nextCursor: page.nextCursor };
}

/** The header's badge: the signed-in user's overdue tasks (0 for a role without tasks). */
export async function overdueTaskCount(actor: Actor): Promise<number> {
  if (actor.kind !== 'user' || !actor.id || !can(actor.role, 'task.read')) return 0;
  return countOverdueTasks(getDb(), actor.id);
}

/** Who the quick add offers in « Assigné à »: the people who may act on a task (the mutation checks it again). */
export const loadTaskAssignees = loadAssignableTechnicians;
