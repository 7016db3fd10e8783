import { sql } from 'drizzle-orm';
import { boolean, check, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { apiTokens, users } from './auth';
import { createdAt, id, updatedAt } from './columns';
import { SAVED_VIEW_NAME_MAX } from './enums';

/**
 * Saved views of the customer list: a named set of list filters (`filters`: the list URL's parameters,
 * lib/saved-views/schema.ts) belonging to one user or one API token (never both). Private to their owner
 * unless `shared`: then everyone sees it among the quick links. README "Decisions" → saved views: each
 * owner (managers and admins may share) has at most one shared view at a time, and names are unique per
 * owner in any letter case — both enforced here, so two concurrent requests cannot break them.
 */
export const savedViews = pgTable(
  'saved_views',
  {
    id: id(),
    name: text('name').notNull(),
    filters: jsonb('filters').$type<Record<string, string>>().notNull(),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'cascade' }),
    ownerTokenId: uuid('owner_token_id').references(() => apiTokens.id, { onDelete: 'cascade' }),
    shared: boolean('shared').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('saved_views_owner_ck', sql`num_nonnulls(${t.ownerUserId}, ${t.ownerTokenId}) = 1`),
    check('saved_views_name_ck', sql`char_length(${t.name}) between 1 and ${sql.raw(String(SAVED_VIEW_NAME_MAX))}`),
    // Also the index of « my views » (owner first); a NULL owner never conflicts.
    uniqueIndex('saved_views_user_name_uq').on(t.ownerUserId, sql`lower(${t.name})`),
    uniqueIndex('saved_views_token_name_uq').on(t.ownerTokenId, sql`lower(${t.name})`),
    uniqueIndex('saved_views_user_shared_uq')
      .on(t.ownerUserId)
      .where(sql`${t.shared}`),
    uniqueIndex('saved_views_token_shared_uq')
      .on(t.ownerTokenId)
      .where(sql`${t.shared}`),
  ],
);
