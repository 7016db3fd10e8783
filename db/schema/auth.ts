import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';
import type { ActorKind, LinkPurpose, Role, UserEvent } from './enums';
export { LINK_PURPOSES, type LinkPurpose, ROLES, type Role, USER_EVENTS, type UserEvent } from './enums';

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<Role>().notNull(),
    // Null until an invited user sets a password (or for a user who only signs in by SSO).
    passwordHash: text('password_hash'),
    active: boolean('active').notNull().default(true),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdBy: uuid('created_by').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    // Carried by every session JWT and compared on every request: bumping it signs every session out at once.
    sessionVersion: integer('session_version').notNull().default(0),
    // The identity provider's `iss|sub`, linked at the first SSO sign-in.
    oidcSubject: text('oidc_subject'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_lower_uq').on(sql`lower(${t.email})`),
    index('users_role_idx').on(t.role),
    uniqueIndex('users_oidc_subject_uq').on(t.oidcSubject),
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

/**
 * One-time links (invitation, password reset). Only the sha256 of the link's secret is stored; a link
 * works once (usedAt), until expiresAt, unless revoked (a newer link of the same purpose revokes it).
 */
export const userLinks = pgTable(
  'user_links',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<LinkPurpose>().notNull(),
    hash: text('hash').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('user_links_hash_uq').on(t.hash),
    index('user_links_user_idx').on(t.userId, t.purpose),
    check('user_links_purpose_ck', sql`${t.purpose} in ('invitation','reset')`),
  ],
);

/** The user-administration journal (admin → Journal): who did what to which account, when, from where. */
export const userEvents = pgTable(
  'user_events',
  {
    id: id(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    event: text('event').$type<UserEvent>().notNull(),
    actorKind: text('actor_kind').$type<ActorKind>().notNull(),
    // No foreign keys: the journal outlives the accounts and tokens it names.
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    ip: text('ip'),
    targetUserId: uuid('target_user_id'),
    targetTokenId: uuid('target_token_id'),
    // The account's e-mail or the token's name at the time.
    targetLabel: text('target_label'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('user_events_time_idx').on(t.occurredAt.desc(), t.id.desc()),
    index('user_events_event_idx').on(t.event, t.occurredAt.desc()),
    index('user_events_target_idx').on(t.targetUserId, t.occurredAt.desc()),
  ],
);
