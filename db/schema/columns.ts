import { customType, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every table's primary key: random UUIDs so ids leak no counts and merge cleanly. */
export const id = () => uuid('id').primaryKey().defaultRandom();

export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true, mode: 'date' })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

export const tsvector = customType<{ data: string }>({
  dataType() {
    return 'tsvector';
  },
});
