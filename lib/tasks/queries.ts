import 'server-only';
import { and, asc, count, desc, eq, gt, isNotNull, isNull, lt, lte, gte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db';
import { customers, tasks, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { customerDisplayName } from '@/lib/customers/schema';
import { AppError } from '@/lib/errors';
import { addDays, parisToday } from '@/lib/interventions/time';
import { decodeCursor, type Page, toPage } from '@/lib/pagination';
import type { TaskDto, TaskFilter, TaskListItem } from './schema';

type TaskRow = typeof tasks.$inferSelect;

export function toTaskDto(row: TaskRow, assigneeName: string | null = null): TaskDto {
  return {
    id: row.id,
    customerId: row.customerId,
    title: row.title,
    dueDate: row.dueDate,
    assigneeId: row.assigneeId,
    assigneeName,
    interventionId: row.interventionId,
    invoiceId: row.invoiceId,
    done: row.completedAt !== null,
    completedAt: row.completedAt,
    completedBy: row.completedBy,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A task of this customer; a task of another customer is "not found" too. */
export async function getTaskOrThrow(db: DbOrTx, customerId: string, taskId: string): Promise<TaskRow> {
  const [row] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.customerId, customerId)))
    .limit(1);
  if (!row) throw AppError.notFound('Tâche introuvable.');
  return row;
}

export async function getTaskDto(db: DbOrTx, customerId: string, taskId: string): Promise<TaskDto> {
  const row = await getTaskOrThrow(db, customerId, taskId);
  return toTaskDto(row, await userName(db, row.assigneeId));
}

export async function userName(db: DbOrTx, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [u] = await db.select({ name: users.name }).from(users).where(eq(users.id, id)).limit(1);
  return u?.name ?? null;
}

/*
 * Two keyset orders: open tasks by due date (none last), then id — the order of the partial indexes on
 * open tasks; done tasks latest first. completed_at has microseconds, cursors (JS dates) milliseconds:
 * it is compared at millisecond precision.
 */
const openCursor = z.object({ d: z.string().nullable(), id: z.guid() });
const doneCursor = z.object({ t: z.string().datetime({ offset: true }), id: z.guid() });
const completedMs = sql`date_trunc('milliseconds', ${tasks.completedAt})`;

function openAfter(cursor: string | undefined): SQL | undefined {
  const c = decodeCursor(cursor, openCursor);
  if (!c) return undefined;
  if (c.d === null) return and(isNull(tasks.dueDate), gt(tasks.id, c.id));
  return or(gt(tasks.dueDate, c.d), and(eq(tasks.dueDate, c.d), gt(tasks.id, c.id)), isNull(tasks.dueDate));
}

function doneAfter(cursor: string | undefined): SQL | undefined {
  const c = decodeCursor(cursor, doneCursor);
  if (!c) return undefined;
  return or(
    lt(completedMs, sql`${c.t}::timestamptz`),
    and(eq(completedMs, sql`${c.t}::timestamptz`), lt(tasks.id, c.id)),
  );
}

const openOrder = [sql`${tasks.dueDate} asc nulls last`, asc(tasks.id)];
const doneOrder = [desc(tasks.completedAt), desc(tasks.id)];
const openKey = (r: { task: TaskRow }) => ({ d: r.task.dueDate, id: r.task.id });
const doneKey = (r: { task: TaskRow }) => ({ t: r.task.completedAt!.toISOString(), id: r.task.id });

/** A customer's tasks: `open` by due date, `done` latest first; keyset pages. */
export async function listCustomerTasks(
  db: DbOrTx,
  params: { customerId: string; status: 'open' | 'done'; limit?: number; cursor?: string },
): Promise<Page<TaskDto>> {
  const limit = params.limit ?? 20;
  const open = params.status === 'open';
  const rows = await db
    .select({ task: tasks, assigneeName: users.name })
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(
      and(
        eq(tasks.customerId, params.customerId),
        open ? isNull(tasks.completedAt) : isNotNull(tasks.completedAt),
        open ? openAfter(params.cursor) : doneAfter(params.cursor),
      ),
    )
    .orderBy(...(open ? openOrder : doneOrder))
    .limit(limit + 1);
  return toPage(rows, limit, (r) => toTaskDto(r.task, r.assigneeName), open ? openKey : doneKey);
}

/** Monday and Sunday of the Paris week that contains `today` ("YYYY-MM-DD"). */
export function parisWeek(today: string): { monday: string; sunday: string } {
  const [y, m, d] = today.split('-').map(Number);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
  const monday = addDays(today, -weekday);
  return { monday, sunday: addDays(monday, 6) };
}

/** The condition of a « Mes tâches » filter on the open or done side, for a Paris day. */
function filterCondition(filter: TaskFilter, today: string): SQL | undefined {
  if (filter === 'done') return isNotNull(tasks.completedAt);
  const open = isNull(tasks.completedAt);
  if (filter === 'overdue') return and(open, lt(tasks.dueDate, today));
  if (filter === 'week') {
    const { monday, sunday } = parisWeek(today);
    return and(open, gte(tasks.dueDate, monday), lte(tasks.dueDate, sunday));
  }
  return open;
}

/**
 * « Mes tâches »: the tasks assigned to `assigneeId` (null = everyone's, unassigned included) with the
 * customer they are about; `today` is the Paris day the overdue and week filters are read against.
 */
export async function listTasks(
  db: DbOrTx,
  params: {
    assigneeId: string | null;
    filter: TaskFilter;
    limit?: number;
    cursor?: string;
    today?: string;
  },
): Promise<Page<TaskListItem>> {
  const limit = params.limit ?? 20;
  const done = params.filter === 'done';
  const today = params.today ?? parisToday();
  const rows = await db
    .select({
      task: tasks,
      assigneeName: users.name,
      customer: {
        kind: customers.kind,
        companyName: customers.companyName,
        firstName: customers.firstName,
        lastName: customers.lastName,
        number: customers.number,
      },
    })
    .from(tasks)
    .innerJoin(customers, eq(customers.id, tasks.customerId))
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(
      and(
        params.assigneeId ? eq(tasks.assigneeId, params.assigneeId) : undefined,
        filterCondition(params.filter, today),
        done ? doneAfter(params.cursor) : openAfter(params.cursor),
      ),
    )
    .orderBy(...(done ? doneOrder : openOrder))
    .limit(limit + 1);
  return toPage(
    rows,
    limit,
    (r) => ({
      ...toTaskDto(r.task, r.assigneeName),
      customerName: customerDisplayName(r.customer),
      customerNumber: r.customer.number,
    }),
    done ? doneKey : openKey,
  );
}

/** The header's badge: one count on the open-tasks index (assignee, due date). */
export async function countOverdueTasks(db: DbOrTx, assigneeId: string, today = parisToday()): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(tasks)
    .where(and(eq(tasks.assigneeId, assigneeId), isNull(tasks.completedAt), lt(tasks.dueDate, today)));
  return Number(row?.n ?? 0);
}

/**
 * Whose tasks a caller lists: `me` is the signed-in user (a token is never assigned a task: 400);
 * everyone's or another person's is the managers' view — technicians list their own (403).
 */
export function tasksAssigneeFor(actor: Pick<Actor, 'kind' | 'id' | 'role'>, assignee: string): string | null {
  if (assignee === 'me') {
    if (actor.kind !== 'user' || !actor.id)
      throw AppError.badRequest('Un jeton d’API n’a pas de tâches : précisez assignee (all ou un identifiant).');
    return actor.id;
  }
  if (actor.role === 'technician' && !(actor.kind === 'user' && assignee === actor.id))
    throw AppError.forbidden('Un technicien ne voit que ses propres tâches.');
  return assignee === 'all' ? null : assignee;
}
