import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { apiTokens, users } from './auth';
import { createdAt, id, updatedAt } from './columns';
import { customers } from './customers';
import { TASK_TITLE_MAX } from './enums';
import { invoices } from './finances';
import { interventions } from './interventions';

/**
 * Follow-up tasks (« À faire ») on a customer: what someone has to do next, by when, and who. The
 * optional intervention or invoice is one of the same customer (checked by lib/tasks/mutations.ts).
 * `due_date` is a Paris calendar day, not an instant: "en retard" means before today in Paris.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    interventionId: uuid('intervention_id').references(() => interventions.id, { onDelete: 'set null' }),
    invoiceId: uuid('invoice_id').references(() => invoices.id, { onDelete: 'set null' }),
    // A user or an API token created it (never both); technicians manage the tasks they created.
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdByToken: uuid('created_by_token').references(() => apiTokens.id, { onDelete: 'set null' }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedBy: uuid('completed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // « Mes tâches » (open: all, overdue, this week) and the header's overdue count: one range scan per user.
    index('tasks_assignee_open_idx')
      .on(t.assigneeId, t.dueDate, t.id)
      .where(sql`${t.completedAt} is null`),
    // « Terminées »: latest first.
    index('tasks_assignee_done_idx')
      .on(t.assigneeId, t.completedAt, t.id)
      .where(sql`${t.completedAt} is not null`),
    // The customer's « À faire » block: open first by due date, then the recently done.
    index('tasks_customer_idx').on(t.customerId, t.completedAt, t.dueDate),
    check('tasks_title_ck', sql`char_length(${t.title}) between 1 and ${sql.raw(String(TASK_TITLE_MAX))}`),
  ],
);
