import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';
import type { Role } from './enums';
export { ROLES, type Role } from './enums';

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<Role>().notNull(),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_lower_uq').on(sql`lower(${t.email})`),
    index('users_role_idx').on(t.role),
    check('users_role_ck', sql`${t.role} in ('admin','manager','technician','viewer')`),
  ],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    name: text('name').notNull(),
    // First characters of the token, shown in the admin list to recognise it; never enough to use it.
    prefix: text('prefix').notNull(),
    // sha256 of the full token: tokens carry 256 bits of entropy, so a fast hash is safe and O(1) to look up.
    hash: text('hash').notNull(),
    role: text('role').$type<Role>().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_uq').on(t.hash),
    index('api_tokens_created_by_idx').on(t.createdBy),
    check('api_tokens_role_ck', sql`${t.role} in ('admin','manager','technician','viewer')`),
  ],
);
