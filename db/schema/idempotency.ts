import { customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import type { ActorKind } from './enums';

/** Raw bytes (a stored response body): both drivers hand back a Uint8Array or a Buffer, read as a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType() {
    return 'bytea';
  },
  fromDriver(value) {
    return Buffer.from(value);
  },
});

/**
 * `Idempotency-Key` (lib/http/idempotency.ts): one row per caller and key. Inserted first, before the
 * handler runs, so the primary key is the lock across app instances; `status` null = still running.
 * Then the request's fingerprint (method, path, body digest and size) and the first response, replayed
 * for 24 h. No foreign key: the caller is a user or a token (as in customer_activity).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    actorKind: text('actor_kind').$type<Exclude<ActorKind, 'system'>>().notNull(),
    actorId: uuid('actor_id').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    // Known once the handler has read the body to its end (streamed uploads included).
    bodySha256: text('body_sha256'),
    bodyBytes: integer('body_bytes'),
    status: integer('status'),
    responseHeaders: jsonb('response_headers').$type<Record<string, string>>(),
    responseBody: bytea('response_body'),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.actorKind, t.actorId, t.key] }),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);
