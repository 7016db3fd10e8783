import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { customers } from './customers';

/**
 * « Pas un doublon »: a pair of customers a manager has looked at and declared distinct people, so
 * the duplicates page never proposes it again (lib/duplicates/dismissals.ts). One row per pair,
 * stored in id order (a < b); removed by « Rétablir », or with either customer (merge, delete).
 */
export const duplicateDismissals = pgTable(
  'duplicate_dismissals',
  {
    customerAId: uuid('customer_a_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    customerBId: uuid('customer_b_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    dismissedBy: uuid('dismissed_by').references(() => users.id, { onDelete: 'set null' }),
    /** Who decided (a user's or an API token's name), kept if the user is deleted. */
    dismissedByName: text('dismissed_by_name').notNull(),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'duplicate_dismissals_pk', columns: [t.customerAId, t.customerBId] }),
    index('duplicate_dismissals_b_idx').on(t.customerBId),
    check('duplicate_dismissals_order_ck', sql`${t.customerAId} < ${t.customerBId}`),
  ],
);
