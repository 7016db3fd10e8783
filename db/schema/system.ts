import { boolean, doublePrecision, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { customers } from './customers';

/**
 * Online geocoder answers, so each address is asked once. `key` is a keyed hash of the normalised
 * address (lib/geo/geocode.ts) and no label is kept: the cache holds coordinates, never an address
 * in clear, and an erasure deletes its customer's entry (README "Security").
 */
export const geocodeCache = pgTable('geocode_cache', {
  key: text('key').primaryKey(),
  latitude: doublePrecision('latitude').notNull(),
  longitude: doublePrecision('longitude').notNull(),
  precision: text('precision').notNull(),
  source: text('source').notNull(),
  createdAt: createdAt(),
});

/**
 * GDPR erasure tombstones (README "Security"): one keyed hash (HMAC-SHA256, lib/customers/tombstones.ts)
 * per identifier of an erased customer — legacy id, e-mail, SIRET — and the erasure date. No personal
 * data in clear, no link to the customer row. Import and create consult it so an erased person is
 * never re-created silently.
 */
export const erasureTombstones = pgTable('erasure_tombstones', {
  hash: text('hash').primaryKey(),
  kind: text('kind', { enum: ['legacy_id', 'email', 'siret'] }).notNull(),
  erasedAt: timestamp('erased_at', { withTimezone: true }).notNull(),
});

export const migrationRuns = pgTable(
  'migration_runs',
  {
    id: id(),
    file: text('file').notNull(),
    checksum: text('checksum').notNull(),
    dryRun: boolean('dry_run').notNull(),
    status: text('status').notNull(),
    stats: jsonb('stats').$type<Record<string, unknown>>().notNull().default({}),
    backupPath: text('backup_path'),
    actorName: text('actor_name').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('migration_runs_started_idx').on(t.startedAt.desc())],
);

export const legacyIdMap = pgTable(
  'legacy_id_map',
  {
    legacyId: text('legacy_id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    runId: uuid('run_id').references(() => migrationRuns.id, { onDelete: 'set null' }),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('legacy_id_map_customer_idx').on(t.customerId), index('legacy_id_map_run_idx').on(t.runId)],
);
