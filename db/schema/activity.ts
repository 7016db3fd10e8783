import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { customers } from './customers';
import type { ActivityType, ActorKind } from './enums';
export { ACTIVITY_TYPES, type ActivityType, ACTOR_KINDS, type ActorKind } from './enums';

export const customerActivity = pgTable(
  'customer_activity',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    type: text('type').$type<ActivityType>().notNull(),
    title: text('title').notNull(),
    description: text('description'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    actorKind: text('actor_kind').$type<ActorKind>().notNull(),
    // users.id or api_tokens.id depending on actorKind; no FK so history survives a deleted user/token.
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    relatedType: text('related_type'),
    relatedId: text('related_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    // Set when the author (or a manager) corrects a manual entry; the previous text is kept in the
    // « Activité corrigée » row written with the correction (lib/activity/corrections.ts).
    editedAt: timestamp('edited_at', { withTimezone: true }),
  },
  (t) => [
    index('customer_activity_timeline_idx').on(t.customerId, t.occurredAt.desc(), t.id.desc()),
    index('customer_activity_type_idx').on(t.customerId, t.type, t.occurredAt.desc()),
    index('customer_activity_related_idx')
      .on(t.relatedType, t.relatedId)
      .where(sql`${t.relatedId} is not null`),
  ],
);
