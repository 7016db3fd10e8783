import { z } from 'zod';
import { TASK_TITLE_MAX } from './limits';
import { dayField } from '@/lib/interventions/schema';
import { booleanInput } from '@/lib/notes/schema';
import { limitSchema } from '@/lib/pagination';

/**
 * The follow-up task (« À faire ») entity: one set of schemas for the quick-add form, the server actions
 * and the API handlers (no drizzle import: the form loads this module in the browser).
 */
const uuidOrNull = (message: string) =>
  z
    .string()
    .uuid(message)
    .nullish()
    .transform((v) => v ?? null);

export const taskFields = {
  title: z
    .string({ message: 'Indiquez ce qu’il y a à faire.' })
    .trim()
    .min(1, 'Indiquez ce qu’il y a à faire.')
    .max(TASK_TITLE_MAX, `${TASK_TITLE_MAX} caractères maximum.`),
  /** A Paris calendar day (AAAA-MM-JJ), or null: no due date. */
  dueDate: dayField.nullish().transform((v) => v ?? null),
  assigneeId: uuidOrNull('Personne assignée invalide.'),
};

export const taskCreateSchema = z
  .object({
    title: taskFields.title,
    dueDate: taskFields.dueDate,
    assigneeId: taskFields.assigneeId,
    interventionId: uuidOrNull('Intervention invalide.'),
    invoiceId: uuidOrNull('Facture invalide.'),
  })
  .strict();
export type TaskCreateInput = z.output<typeof taskCreateSchema>;

export const taskUpdateSchema = z
  .object({
    title: taskFields.title.optional(),
    dueDate: taskFields.dueDate.optional(),
    assigneeId: taskFields.assigneeId.optional(),
    completed: booleanInput.optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: 'Rien à modifier : indiquez title, dueDate, assigneeId ou completed.',
    path: ['title'],
  });
export type TaskUpdateInput = z.output<typeof taskUpdateSchema>;

export const customerTaskListQuerySchema = z.object({
  status: z.enum(['open', 'done']).default('open'),
  limit: limitSchema,
  cursor: z.string().max(1024).optional(),
});
export type CustomerTaskListQuery = z.output<typeof customerTaskListQuerySchema>;

/** « Mes tâches »: open (all, overdue, due this week — Paris days) or done. */
export const TASK_FILTERS = ['open', 'overdue', 'week', 'done'] as const;
export type TaskFilter = (typeof TASK_FILTERS)[number];

export const myTasksQuerySchema = z.object({
  /** `me` (default), `all` (everyone's and the unassigned, not for technicians) or a user id. */
  assignee: z.union([z.enum(['me', 'all']), z.string().uuid('Personne assignée invalide.')]).default('me'),
  filter: z.enum(TASK_FILTERS, { message: 'Filtre : open, overdue, week ou done.' }).default('open'),
  limit: limitSchema,
  cursor: z.string().max(1024).optional(),
});
export type MyTasksQuery = z.output<typeof myTasksQuerySchema>;

export interface TaskDto {
  id: string;
  customerId: string;
  title: string;
  dueDate: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  interventionId: string | null;
  invoiceId: string | null;
  done: boolean;
  completedAt: Date | null;
  completedBy: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A task in « Mes tâches »: with the customer it is about. */
export interface TaskListItem extends TaskDto {
  customerName: string;
  customerNumber: string;
}

/** What a task row on screen needs besides the DTO: may the viewer tick it, is it late (Paris day). */
export type TaskView<T extends TaskDto = TaskDto> = T & { canManage: boolean; overdue: boolean };
