import { sql } from 'drizzle-orm';
import { check, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAt, id, updatedAt } from './columns';
import { EMAIL_BODY_MAX, EMAIL_SUBJECT_MAX, EMAIL_TEMPLATE_NAME_MAX, EMAIL_PURPOSES, type EmailPurpose } from './enums';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','));

/**
 * Reusable e-mails (« Modèles d’e-mail »): subject and body with `{{variables}}` from the allow-list of
 * lib/email/template-variables.ts (checked on every write), rendered for one customer on the server.
 * Not a customer's data: no activity row; who created and last changed it is kept here.
 */
export const emailTemplates = pgTable(
  'email_templates',
  {
    id: id(),
    name: text('name').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    purpose: text('purpose').$type<EmailPurpose>().notNull().default('service'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One name per template whatever its case: the picker lists them by name.
    uniqueIndex('email_templates_name_uq').on(sql`lower(${t.name})`),
    check(
      'email_templates_name_ck',
      sql`char_length(${t.name}) between 1 and ${sql.raw(String(EMAIL_TEMPLATE_NAME_MAX))}`,
    ),
    check(
      'email_templates_subject_ck',
      sql`char_length(${t.subject}) between 1 and ${sql.raw(String(EMAIL_SUBJECT_MAX))}`,
    ),
    check('email_templates_body_ck', sql`char_length(${t.body}) between 1 and ${sql.raw(String(EMAIL_BODY_MAX))}`),
    check('email_templates_purpose_ck', sql`${t.purpose} in (${inList(EMAIL_PURPOSES)})`),
  ],
);
