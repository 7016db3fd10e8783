import { type AnyColumn, type SQL, sql } from 'drizzle-orm';

/**
 * `col DESC NULLS LAST`. drizzle-kit creates `.desc()` index columns as DESC NULLS LAST, while
 * drizzle's `desc()` emits plain DESC (= NULLS FIRST in PostgreSQL): the planner then cannot read
 * the index in order and sorts instead. Keyset lists over those indexes order with this helper.
 */
export function descNullsLast(column: AnyColumn | SQL): SQL {
  return sql`${column} desc nulls last`;
}
