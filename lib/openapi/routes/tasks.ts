import {
  customerTaskListQuerySchema,
  myTasksQuerySchema,
  taskCreateSchema,
  taskUpdateSchema,
} from '@/lib/tasks/schema';
import { defineRoute } from '../registry';

/**
 * Follow-up tasks (« À faire »): every role reads them; admins, managers and technicians add them;
 * technicians edit, complete and reopen only those they created or are assigned (README "Tasks").
 */
const task = {
  status: 200,
  description:
    'Task `{id, customerId, title, dueDate (AAAA-MM-JJ, Paris day) | null, assigneeId, assigneeName, interventionId, invoiceId, done, completedAt, completedBy, createdBy, createdAt, updatedAt}`',
};
const notFound = {
  status: 404,
  description: 'Client introuvable, tâche d’un autre client, ou intervention / facture liée d’un autre client',
};
const erased = { status: 409, description: 'Client effacé (RGPD) : aucune modification possible' };

export const listCustomerTasksRoute = defineRoute({
  method: 'get',
  path: '/api/customers/{id}/tasks',
  tag: 'tasks',
  permission: 'task.read',
  summary:
    'A customer’s tasks: `status=open` (default; by due date, none last) or `done` (latest first) → `{data, nextCursor}`',
  query: customerTaskListQuerySchema,
  responses: [{ status: 200, description: 'Page de tâches' }, notFound],
});

export const createTaskRoute = defineRoute({
  method: 'post',
  path: '/api/customers/{id}/tasks',
  tag: 'tasks',
  permission: 'task.write',
  summary:
    'Add a task `{title (1–200), dueDate?, assigneeId? (an active user), interventionId?, invoiceId? (finance.read)}`; writes a « Tâche ajoutée » activity',
  body: taskCreateSchema,
  responses: [{ ...task, status: 201 }, { status: 422, description: 'Champs invalides' }, notFound, erased],
});

export const updateTaskRoute = defineRoute({
  method: 'patch',
  path: '/api/customers/{id}/tasks/{taskId}',
  tag: 'tasks',
  permission: 'task.write',
  summary:
    'Edit `title`, `dueDate`, `assigneeId` and/or `completed: true|false` (complete / reopen); technicians only the tasks they created or are assigned',
  body: taskUpdateSchema,
  responses: [task, { status: 403, description: 'Tâche d’un autre technicien' }, notFound, erased],
});

export const listTasksRoute = defineRoute({
  method: 'get',
  path: '/api/tasks',
  tag: 'tasks',
  permission: 'task.read',
  summary:
    '« Mes tâches »: `assignee=me` (default; 400 for an API token), `all` or a user id (not for technicians), `filter=open|overdue|week|done` (overdue and week in Paris days; week = Monday to Sunday) → `{data, nextCursor}`, each task with `customerName` and `customerNumber`',
  query: myTasksQuerySchema,
  responses: [
    { status: 200, description: 'Page de tâches' },
    { status: 400, description: 'assignee=me pour un jeton' },
  ],
});
