import {
  bigint,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  pgView,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Base-wide RFM scores, one row per ACTIVE customer (both drivers). `customer_rfm` is a plain view
 * over one of two materialized views filled in turn (blue/green, migration 0004; definitions in the
 * function customer_rfm_compute()); drizzle-kit does not manage views written in SQL, hence
 * `.existing()`: the schema only types the columns. See lib/analytics/rfm.ts for when it is
 * refreshed. `last_at` is stored rather than a recency in days so that the recency shown is exact
 * at read time; the scores are those of the last refresh.
 */
export const customerRfm = pgView('customer_rfm', {
  customerId: uuid('customer_id').notNull(),
  lastAt: timestamp('last_at', { withTimezone: true, mode: 'date' }),
  frequency: integer('frequency').notNull(),
  monetaryCents: bigint('monetary', { mode: 'number' }).notNull(),
  avgIntervalDays: doublePrecision('avg_interval'),
  r: integer('r').notNull(),
  f: integer('f').notNull(),
  m: integer('m').notNull(),
  segment: text('segment').notNull(),
}).existing();

/**
 * The aggregates every page shows next to a customer's scores (distribution per score, segment
 * counts and median intervals), computed in the same transaction as the refresh so they always
 * describe the rows of `customer_rfm`. A single row (id = 1).
 */
export const rfmSnapshots = pgTable('rfm_snapshots', {
  id: smallint('id').primaryKey(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true, mode: 'date' }).notNull(),
  durationMs: integer('duration_ms').notNull(),
  total: integer('total').notNull(),
  stats: jsonb('stats').$type<Record<string, unknown>>().notNull(),
});
