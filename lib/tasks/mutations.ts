import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { invoices, tasks, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { can, canManageTask } from '@/lib/auth/permissions';
import { type ActivityEntry, withActivity } from '@/lib/audit';
import { requireCustomer } from '@/lib/customers/guard';
import { AppError } from '@/lib/errors';
import { findIntervention } from '@/lib/interventions/guards';
import { getTaskOrThrow, toTaskDto, userName } from './queries';
import type { TaskCreateInput, TaskDto, TaskUpdateInput } from './schema';

type TaskRow = typeof tasks.$inferSelect;

/**
 * The assignee is a user who can still sign in and act on the task (an inactive account or a read-only
 * role would never tick it off): 422 otherwise.
 */
async function requireAssignee(tx: Tx, assigneeId: string): Promise<string> {
  const [u] = await tx
    .select({ name: users.name, active: users.active, role: users.role })
    .from(users)
    .where(eq(users.id, assigneeId))
    .limit(1);
  if (!u?.active || !can(u.role, 'task.write'))
    throw AppError.validation({ assigneeId: ['Choisissez une personne active de l’équipe.'] });
  return u.name;
}

/** The linked intervention or invoice must be one of this customer's (404 otherwise, like any child id). */
async function requireLinks(tx: Tx, actor: Actor, customerId: string, input: TaskCreateInput) {
  let invoiceNumber: string | null = null;
  if (input.interventionId) await findIntervention(tx, customerId, input.interventionId);
  if (input.invoiceId) {
    // Invoices are finance data: a role that cannot read them cannot point a task at one either.
    if (!can(actor.role, 'finance.read')) throw AppError.forbidden('Lier une facture demande l’accès aux finances.');
    const [inv] = await tx
      .select({ number: invoices.number })
      .from(invoices)
      .where(and(eq(invoices.id, input.invoiceId), eq(invoices.customerId, customerId)))
      .limit(1);
    if (!inv) throw AppError.notFound('Facture introuvable.');
    invoiceNumber = inv.number;
  }
  return { invoiceNumber };
}

const taskActivity = (row: TaskRow, title: string, metadata: Record<string, unknown>): ActivityEntry => ({
  customerId: row.customerId,
  type: 'task',
  title,
  description: row.title,
  metadata,
  relatedType: 'task',
  relatedId: row.id,
});

export async function createTask(db: Db, actor: Actor, customerId: string, input: TaskCreateInput): Promise<TaskDto> {
  return withActivity(db, actor, async (tx) => {
    await requireCustomer(tx, customerId, { forUpdate: true });
    const assigneeName = input.assigneeId ? await requireAssignee(tx, input.assigneeId) : null;
    const { invoiceNumber } = await requireLinks(tx, actor, customerId, input);
    const [row] = await tx
      .insert(tasks)
      .values({
        customerId,
        title: input.title,
        dueDate: input.dueDate,
        assigneeId: input.assigneeId,
        interventionId: input.interventionId,
        invoiceId: input.invoiceId,
        createdBy: actor.kind === 'user' ? actor.id : null,
        createdByToken: actor.kind === 'token' ? actor.id : null,
      })
      .returning();
    return {
      value: toTaskDto(row, assigneeName),
      activity: taskActivity(row, 'Tâche ajoutée', {
        dueDate: row.dueDate,
        assignee: assigneeName,
        ...(row.interventionId ? { interventionId: row.interventionId } : {}),
        ...(invoiceNumber ? { invoiceId: row.invoiceId, invoiceNumber } : {}),
      }),
    };
  });
}

/**
 * Title, due date, assignee and/or `completed` (complete or reopen) in one call: the creator, the assignee,
 * a manager or an admin (403 otherwise). One activity row says what changed; nothing changed → none.
 */
export async function updateTask(
  db: Db,
  actor: Actor,
  customerId: string,
  taskId: string,
  input: TaskUpdateInput,
): Promise<TaskDto> {
  return withActivity(db, actor, async (tx) => {
    await requireCustomer(tx, customerId, { forUpdate: true });
    const before = await getTaskOrThrow(tx, customerId, taskId);
    if (!canManageTask(actor, before))
      throw AppError.forbidden(
        'Seuls la personne assignée, l’auteur de la tâche ou un responsable peuvent la modifier.',
      );

    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (input.title !== undefined && input.title !== before.title)
      changes.title = { from: before.title, to: input.title };
    if (input.dueDate !== undefined && input.dueDate !== before.dueDate)
      changes.dueDate = { from: before.dueDate, to: input.dueDate };
    let assigneeName = await userName(tx, before.assigneeId);
    if (input.assigneeId !== undefined && input.assigneeId !== before.assigneeId) {
      const to = input.assigneeId ? await requireAssignee(tx, input.assigneeId) : null;
      changes.assignee = { from: assigneeName, to };
      assigneeName = to;
    }
    const completing = input.completed === true && before.completedAt === null;
    const reopening = input.completed === false && before.completedAt !== null;
    if (!Object.keys(changes).length && !completing && !reopening)
      return { value: toTaskDto(before, assigneeName), activity: null };

    const [row] = await tx
      .update(tasks)
      .set({
        ...('title' in changes ? { title: input.title } : {}),
        ...('dueDate' in changes ? { dueDate: input.dueDate } : {}),
        ...('assignee' in changes ? { assigneeId: input.assigneeId } : {}),
        ...(completing ? { completedAt: new Date(), completedBy: actor.kind === 'user' ? actor.id : null } : {}),
        ...(reopening ? { completedAt: null, completedBy: null } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(tasks.id, taskId), eq(tasks.customerId, customerId)))
      .returning();

    const activity: ActivityEntry[] = [];
    if (Object.keys(changes).length) activity.push(taskActivity(row, 'Tâche modifiée', { changes }));
    if (completing) activity.push(taskActivity(row, 'Tâche terminée', { dueDate: row.dueDate }));
    if (reopening) activity.push(taskActivity(row, 'Tâche rouverte', { dueDate: row.dueDate, assignee: assigneeName }));
    return { value: toTaskDto(row, assigneeName), activity };
  });
}

export const completeTask = (db: Db, actor: Actor, customerId: string, taskId: string) =>
  updateTask(db, actor, customerId, taskId, { completed: true });

export const reopenTask = (db: Db, actor: Actor, customerId: string, taskId: string) =>
  updateTask(db, actor, customerId, taskId, { completed: false });
