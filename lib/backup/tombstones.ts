import path from 'node:path';
import { isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { customers, erasureTombstones, legacyIdMap } from '@/db/schema';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { eraseCustomer } from '@/lib/customers/erasure';
import {
  appendTombstoneLedger,
  identityHashes,
  readTombstoneLedger,
  type Tombstone,
  tombstoneLedgerPath,
} from '@/lib/customers/tombstones';
import { rowsOf } from './database';

/**
 * A full archive (`npm run backup`) cannot be edited after an erasure: it expires with the retention
 * (BACKUP_RETENTION_DAYS), and a restore re-applies the erasures it predates from the tombstone
 * ledger kept beside the backups (README "Backups"). Hashes only, as in the table.
 */

/** The ledger file beside an archive: `npm run backup` brings it up to date with the database. */
export function ledgerBeside(archive: string): string {
  return tombstoneLedgerPath(path.dirname(archive));
}

export async function hasTombstoneTable(db: Db): Promise<boolean> {
  const [row] = rowsOf<{ t: string | null }>(
    await db.execute(sql`select to_regclass('erasure_tombstones')::text as t`),
  );
  return !!row?.t;
}

/** Adds the database's tombstones missing from the ledger file (run after each archive is written). */
export async function syncLedger(db: Db, file: string): Promise<number> {
  if (!(await hasTombstoneTable(db))) return 0;
  const known = new Set((await readTombstoneLedger(file)).map((t) => t.hash));
  const rows = await db.select().from(erasureTombstones);
  const missing = rows.filter((r) => !known.has(r.hash)) as Tombstone[];
  await appendTombstoneLedger(missing, file);
  return missing.length;
}

/**
 * Re-applies the ledgers' tombstones to a database (a restored one): the missing tombstones are
 * inserted, then every customer not yet erased, created before the erasure and matching a tombstone
 * (legacy id, e-mail or SIRET) is erased again. A person deliberately re-created after their
 * erasure (created later) is left alone. Returns the storage keys of the documents to delete.
 */
export async function reapplyTombstones(
  db: Db,
  ledgers: readonly string[],
  opts: { onlyIfNew?: boolean } = {},
): Promise<{ added: number; erased: number; storageKeys: string[] }> {
  const entries = (await Promise.all(ledgers.map((f) => readTombstoneLedger(f)))).flat();
  let added = 0;
  for (let i = 0; i < entries.length; i += 500) {
    const inserted = await db
      .insert(erasureTombstones)
      .values(entries.slice(i, i + 500))
      .onConflictDoNothing()
      .returning({ hash: erasureTombstones.hash });
    added += inserted.length;
  }
  if (opts.onlyIfNew && added === 0) return { added, erased: 0, storageKeys: [] };

  const tombstones = new Map((await db.select().from(erasureTombstones)).map((t) => [t.hash, t.erasedAt]));
  if (!tombstones.size) return { added, erased: 0, storageKeys: [] };
  const legacy = new Map<string, string[]>();
  for (const l of await db.select().from(legacyIdMap))
    legacy.set(l.customerId, [...(legacy.get(l.customerId) ?? []), l.legacyId]);
  const living = await db
    .select({ id: customers.id, email: customers.email, siret: customers.siret, createdAt: customers.createdAt })
    .from(customers)
    .where(isNull(customers.erasedAt));
  const storageKeys: string[] = [];
  let erased = 0;
  for (const c of living) {
    const hashes = identityHashes({ legacyIds: legacy.get(c.id), email: c.email, siret: c.siret });
    const match = hashes.some((h) => {
      const at = tombstones.get(h.hash);
      return at && c.createdAt.getTime() < at.getTime();
    });
    if (!match) continue;
    const r = await eraseCustomer(db, { ...SYSTEM_ACTOR, name: 'Restauration (effacement RGPD ré-appliqué)' }, c.id);
    storageKeys.push(...r.storageKeys);
    erased++;
  }
  return { added, erased, storageKeys };
}
