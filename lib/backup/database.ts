import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { MIGRATIONS_DIR } from '@/db/migrate';

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

// postgres-js returns an array, PGlite an object with rows.
export const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? (r as T[]) : ((r as { rows: T[] }).rows ?? []));

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** Every table outside the system schemas (ours: public and drizzle's migration journal). */
export async function listTables(db: DbOrTx): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`
      select n.nspname || '.' || c.relname as name
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p')
        and n.nspname not in ('pg_catalog', 'information_schema')
        and n.nspname !~ '^pg_(toast|temp)'
      order by 1`),
  );
  return rows.map((r) => r.name);
}

/** Exact counts (count(*)): the manifest is compared row for row after a restore. */
export async function tableCounts(db: DbOrTx): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of await listTables(db)) {
    const [schema, table] = name.split(/\.(.*)/s, 2);
    const [row] = rowsOf<{ n: number | string }>(
      await db.execute(sql.raw(`select count(*) as n from ${quote(schema)}.${quote(table)}`)),
    );
    counts[name] = Number(row.n);
  }
  return counts;
}

/** Relations, schemas or extensions a restore would collide with (an empty database has none). */
export async function databaseObjects(db: DbOrTx): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(
    await db.execute(sql`
      select (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
              where n.nspname not in ('pg_catalog', 'information_schema')
                and n.nspname !~ '^pg_(toast|temp)')
           + (select count(*) from pg_namespace
              where nspname not in ('pg_catalog', 'information_schema', 'public')
                and nspname !~ '^pg_(toast|temp)')
           + (select count(*) from pg_extension where extname <> 'plpgsql') as n`),
  );
  return Number(row.n);
}

interface JournalEntry {
  when: number;
  tag: string;
}

export function migrationJournal(): JournalEntry[] {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries;
}

/** How many of drizzle's migrations the database has applied, and the tag of the last one. */
export async function migrationLevel(db: DbOrTx): Promise<{ applied: number; last: string | null }> {
  const [exists] = rowsOf<{ t: string | null }>(
    await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`),
  );
  if (!exists?.t) return { applied: 0, last: null };
  const [row] = rowsOf<{ applied: number | string; last: string | null }>(
    await db.execute(sql`select count(*) as applied, max(created_at)::text as last from drizzle.__drizzle_migrations`),
  );
  const applied = Number(row.applied);
  if (!applied) return { applied: 0, last: null };
  const entry = migrationJournal().find((e) => String(e.when) === row.last);
  return { applied, last: entry?.tag ?? `inconnue (${row.last})` };
}

export async function serverVersion(db: DbOrTx): Promise<string> {
  const [row] = rowsOf<{ v: string }>(await db.execute(sql`select current_setting('server_version') as v`));
  return row.v;
}
