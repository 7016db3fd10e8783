import { createHmac } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { erasureTombstones } from '@/db/schema';
import { formatDate } from '@/components/ui/format';
import { authSecret, dataDir, env } from '@/lib/env';

/**
 * GDPR erasure tombstones (README "Security"). An erasure keeps, for each identifier of the person —
 * legacy id, e-mail, SIRET — only a keyed hash and the date: enough to recognise the same person
 * when an import or a create brings them back, not enough to learn who they were. The key is
 * ERASURE_KEY, or derived from the auth secret; without it a dictionary of e-mails cannot be
 * matched against a stolen copy of the table.
 */
export type TombstoneKind = 'legacy_id' | 'email' | 'siret';

export interface TombstoneIdentity {
  legacyIds?: readonly (string | null | undefined)[];
  email?: string | null;
  siret?: string | null;
}

export interface Tombstone {
  hash: string;
  kind: TombstoneKind;
  erasedAt: Date;
}

const cache = globalThis as unknown as { __c360ErasureKey?: { source: string; key: Buffer } };

function erasureKey(): Buffer {
  const source = env().ERASURE_KEY ?? authSecret();
  if (cache.__c360ErasureKey?.source !== source) {
    // A key of its own, so the auth secret itself never signs anything but sessions.
    const key = env().ERASURE_KEY
      ? Buffer.from(source)
      : createHmac('sha256', source).update('customer-360 erasure tombstones v1').digest();
    cache.__c360ErasureKey = { source, key };
  }
  return cache.__c360ErasureKey.key;
}

function normalise(kind: TombstoneKind, value: string): string {
  if (kind === 'email') return value.trim().toLowerCase();
  if (kind === 'siret') return value.replace(/\D/g, '');
  return value.trim();
}

export function tombstoneHash(kind: TombstoneKind, value: string): string {
  return createHmac('sha256', erasureKey())
    .update(`${kind}:${normalise(kind, value)}`)
    .digest('hex');
}

/** The hashes of one person's identifiers (empty values ignored). */
export function identityHashes(identity: TombstoneIdentity): { hash: string; kind: TombstoneKind }[] {
  const out = new Map<string, TombstoneKind>();
  const add = (kind: TombstoneKind, value: string | null | undefined) => {
    if (value && normalise(kind, value)) out.set(tombstoneHash(kind, value), kind);
  };
  for (const id of identity.legacyIds ?? []) add('legacy_id', id);
  add('email', identity.email);
  add('siret', identity.siret);
  return [...out].map(([hash, kind]) => ({ hash, kind }));
}

/** Written by the erasure, in its transaction. The first erasure's date wins for a shared identifier. */
export async function writeTombstones(tx: DbOrTx, identity: TombstoneIdentity, erasedAt: Date): Promise<Tombstone[]> {
  const rows = identityHashes(identity).map((h) => ({ ...h, erasedAt }));
  if (rows.length) await tx.insert(erasureTombstones).values(rows).onConflictDoNothing();
  return rows;
}

/** hash → erasure date, for the hashes that are tombstoned. */
export async function findTombstones(db: DbOrTx, hashes: readonly string[]): Promise<Map<string, Date>> {
  const found = new Map<string, Date>();
  const unique = [...new Set(hashes)];
  for (let i = 0; i < unique.length; i += 1000) {
    const rows = await db
      .select({ hash: erasureTombstones.hash, erasedAt: erasureTombstones.erasedAt })
      .from(erasureTombstones)
      .where(inArray(erasureTombstones.hash, unique.slice(i, i + 1000)));
    for (const r of rows) found.set(r.hash, r.erasedAt);
  }
  return found;
}

/** When this person was erased (the earliest matching identifier), or null. */
export async function erasedOn(db: DbOrTx, identity: TombstoneIdentity): Promise<Date | null> {
  const found = await findTombstones(
    db,
    identityHashes(identity).map((h) => h.hash),
  );
  const dates = [...found.values()].sort((a, b) => a.getTime() - b.getTime());
  return dates[0] ?? null;
}

export function erasedPersonMessage(erasedAt: Date): string {
  return `Personne effacée (RGPD) le ${formatDate(erasedAt)}`;
}

/**
 * The tombstone ledger: the same hashes, appended to a file next to the backups, so that restoring
 * an archive taken before an erasure can re-apply it (lib/backup/tombstones.ts). Hashes only.
 */
export function tombstoneLedgerPath(dir = path.join(dataDir(), 'backups')): string {
  return path.join(dir, 'erasure-tombstones.jsonl');
}

export async function appendTombstoneLedger(tombstones: readonly Tombstone[], file = tombstoneLedgerPath()) {
  if (!tombstones.length) return;
  await mkdir(path.dirname(file), { recursive: true });
  const lines = tombstones.map((t) =>
    JSON.stringify({ hash: t.hash, kind: t.kind, erasedAt: t.erasedAt.toISOString() }),
  );
  await appendFile(file, lines.join('\n') + '\n', { mode: 0o600 });
}

export async function readTombstoneLedger(file = tombstoneLedgerPath()): Promise<Tombstone[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const out: Tombstone[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const t = JSON.parse(line) as { hash?: unknown; kind?: unknown; erasedAt?: unknown };
      const erasedAt = new Date(String(t.erasedAt));
      if (
        typeof t.hash === 'string' &&
        /^[0-9a-f]{64}$/.test(t.hash) &&
        (t.kind === 'legacy_id' || t.kind === 'email' || t.kind === 'siret') &&
        !Number.isNaN(erasedAt.getTime())
      )
        out.push({ hash: t.hash, kind: t.kind, erasedAt });
    } catch {
      // A torn last line (crash mid-append) is skipped, the others still count.
    }
  }
  return out;
}
