import type { DbOrTx } from './index';

/**
 * Prepared drizzle queries, built once per database handle and name. Building a select (walking the
 * selection, the conditions, escaping names) cost more CPU than the database work of the hot API
 * reads (tests/bench/README.md › Per-request cost); a prepared query only fills its placeholders.
 * Keyed by the handle itself (a WeakMap): tests swap handles (setDbHandle), and a transaction's
 * queries stay on that transaction. Works on both drivers (postgres.js, PGlite).
 *
 *     prepared(db, 'customer_row', (d) =>
 *       d.select(cols).from(customers).where(eq(customers.id, sql.placeholder('id'))).prepare('customer_row'),
 *     ).execute({ id })
 *
 * The name must identify the query's shape: values baked in at build time (not placeholders) belong in it.
 */
const byHandle = new WeakMap<object, Map<string, unknown>>();

export function prepared<Q>(db: DbOrTx, name: string, build: (db: DbOrTx) => Q): Q {
  let queries = byHandle.get(db);
  if (!queries) byHandle.set(db, (queries = new Map()));
  let query = queries.get(name) as Q | undefined;
  if (query === undefined) queries.set(name, (query = build(db)));
  return query;
}
