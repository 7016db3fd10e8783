import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { getDb } from '@/db';
import * as schema from '@/db/schema';

/**
 * Whole-database observations for the security suites: "nothing was written" is checked on every
 * table of the schema, not only on the one a route is about.
 */
export const allTables = (Object.values(schema) as unknown[]).filter((t): t is PgTable => is(t, PgTable));

/**
 * Not data a request changes but the record of its answer: a refused write sent with an Idempotency-Key
 * keeps its 4xx there to replay it (lib/http/idempotency.ts).
 */
const BOOKKEEPING = new Set(['idempotency_keys']);
const dataTables = allTables.filter((t) => !BOOKKEEPING.has(getTableName(t)));

/** Row count of every data table, in one query (cheap enough to run around every fuzzed request). */
export async function rowCounts(): Promise<Record<string, number>> {
  const fields = Object.fromEntries(
    dataTables.map((t) => [getTableName(t), sql<number>`(select count(*)::int from ${t})`]),
  );
  const [row] = await getDb()
    .select(fields)
    .from(sql`(select 1) as one`);
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

// api_tokens.lastUsedAt moves on authenticated requests by design; it is not data a request may change.
const VOLATILE = new Set(['api_tokens']);

/** Every row of every table (but api_tokens), as sorted JSON lines: equal dumps = nothing changed. */
export async function dumpRows(): Promise<Record<string, string[]>> {
  const db = getDb();
  const out: Record<string, string[]> = {};
  for (const table of dataTables) {
    const name = getTableName(table);
    if (VOLATILE.has(name)) continue;
    const rows = await db.select().from(table);
    out[name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/** Tables whose dumps differ, with the lines added and removed (small, readable failures). */
export function diffDumps(before: Record<string, string[]>, after: Record<string, string[]>) {
  const changes: Record<string, { added: string[]; removed: string[] }> = {};
  for (const name of Object.keys(before)) {
    const a = new Set(before[name]);
    const b = new Set(after[name] ?? []);
    const added = [...b].filter((x) => !a.has(x));
    const removed = [...a].filter((x) => !b.has(x));
    if (added.length || removed.length) changes[name] = { added, removed };
  }
  return changes;
}
