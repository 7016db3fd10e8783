'use server';

import { defineAction, type Revalidation } from '@/lib/define-action';
import { createTask, updateTask } from './mutations';
import { taskCreateSchema, taskUpdateSchema } from './schema';

// The record's block, its timeline, « Mes tâches » and the header's overdue badge (every dashboard page).
const taskPages = ([customerId]: string[]): Revalidation[] => [
  [`/customers/${customerId}`, 'layout'],
  ['/', 'layout'],
];

/** Quick add: title, échéance, assigné à (empty = none); from the record, the timeline or « Mes tâches ». */
export const createTaskAction = defineAction({
  permission: 'task.write',
  ids: ['Client'],
  form: { keys: ['title', 'dueDate', 'assigneeId', 'interventionId', 'invoiceId'] },
  schema: taskCreateSchema,
  run: ({ actor, ids: [id], input, db }) => createTask(db, actor, id, input),
  message: 'Tâche ajoutée.',
  revalidate: taskPages,
});

/** Edit (title, échéance, assigné à: an emptied field is cleared) or tick / untick (`completed`). */
export const updateTaskAction = defineAction({
  permission: 'task.write',
  ids: ['Client', 'Tâche'],
  form: { keys: ['title', 'dueDate', 'assigneeId', 'completed'], clearEmpty: ['dueDate', 'assigneeId'] },
  schema: taskUpdateSchema,
  run: ({ actor, ids: [id, taskId], input, db }) => updateTask(db, actor, id, taskId, input),
  message: (task) => (task.done ? 'Tâche terminée.' : 'Tâche enregistrée.'),
  revalidate: taskPages,
});
