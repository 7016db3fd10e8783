import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db';

/**
 * Bulk insert through one JSON parameter per chunk (`jsonb_populate_recordset`): PGlite spends
 * most of a multi-row INSERT binding thousands of parameters, while one JSON document is parsed
 * in C. Works the same on postgres.js. Columns not given (e.g. customers.number) keep their
 * database default; the rows' order is the insertion order.
 */
export async function bulkInsert<T extends PgTable>(
  db: DbOrTx,
  table: T,
  rows: readonly Partial<T['$inferInsert']>[],
  size = 2000,
): Promise<void> {
  if (!rows.length) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => k in columns);
  const names = keys.map((k) => columns[k].name);
  const list = sql.raw(names.map((n) => `"${n}"`).join(', '));
  const name = sql.raw(`"${getTableName(table)}"`);
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size).map((r) => {
      const record = r as Record<string, unknown>;
      return Object.fromEntries(keys.map((k, j) => [names[j], record[k] ?? null]));
    });
    await db.execute(
      sql`insert into ${name} (${list}) select ${list} from jsonb_populate_recordset(null::${name}, ${JSON.stringify(chunk)}::jsonb)`,
    );
  }
}
