import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';

/**
 * Raw SQL rows from either driver: PGlite answers `{ rows }`, postgres.js an array. Queries that
 * go through here cast every value to int / float8 / text so both drivers return the same JS types
 * (postgres.js returns bigint and numeric as strings, PGlite timestamps as Date).
 */
export async function sqlRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export const num = (v: unknown): number => (v == null ? 0 : Number(v));
export const numOrNull = (v: unknown): number | null => (v == null ? null : Number(v));

/** Calendar day in Paris (the users' day), whatever the server's time zone. */
export const PARIS = 'Europe/Paris';
