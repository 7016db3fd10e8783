import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ActorKind } from './activity';
import { createdAt, id } from './columns';
import { customers } from './customers';
import { customerDocuments } from './documents';
import type { EmailStatus } from './enums';
export { CONSENT_PURPOSES, CONSENT_CHANNELS, CONSENT_SOURCES, EMAIL_STATUSES, type EmailStatus } from './enums';

/** A file sent with an outbox e-mail; `documentId` null = not kept (it cannot be sent again). */
export interface OutboxAttachment {
  documentId: string | null;
  filename: string;
  contentType: string;
}

/**
 * Append-only (a trigger in the migrations rejects UPDATE and DELETE): the current state of a
 * purpose × channel is the latest event.
 */
export const consentEvents = pgTable(
  'consent_events',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    purpose: text('purpose').notNull(),
    channel: text('channel').notNull(),
    granted: boolean('granted').notNull(),
    source: text('source').notNull(),
    textVersion: text('text_version'),
    proofText: text('proof_text'),
    documentId: uuid('document_id').references(() => customerDocuments.id, { onDelete: 'set null' }),
    actorKind: text('actor_kind').$type<ActorKind>().notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    index('consent_events_customer_idx').on(t.customerId, t.occurredAt.desc(), t.id.desc()),
    index('consent_events_state_idx').on(t.customerId, t.purpose, t.channel, t.occurredAt.desc()),
    index('consent_events_document_idx').on(t.documentId),
  ],
);

export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: id(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    purpose: text('purpose').notNull(),
    status: text('status').$type<EmailStatus>().notNull().default('queued'),
    error: text('error'),
    actorKind: text('actor_kind').$type<ActorKind>().notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    // The files sent with it, as documents of the customer: the outbox keeps only the text, so a retry
    // (« Réessayer ») reads them again from storage instead of sending the message without them.
    attachments: jsonb('attachments').$type<OutboxAttachment[]>().notNull().default([]),
  },
  (t) => [
    index('email_outbox_customer_idx').on(t.customerId, t.createdAt.desc()),
    index('email_outbox_status_idx').on(t.status, t.createdAt),
  ],
);
