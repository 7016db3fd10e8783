import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { type Db, getDb } from '@/db';
import { apiTokens, users } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import { recordUserEvent } from '@/lib/users/events';
import type { Actor } from './actor';

const TOKEN_PREFIX = 'c360_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface CreatedToken {
  id: string;
  token: string;
  prefix: string;
}

/** Creates a token; the clear value is returned once and never stored. */
export async function createApiToken(
  db: Db,
  input: { name: string; role: Role; createdBy?: string | null; expiresAt?: Date | null },
  /** Who creates it, for the journal (admin page, CLI). */
  actor?: Actor,
): Promise<CreatedToken> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const prefix = token.slice(0, TOKEN_PREFIX.length + 6);
  const [row] = await db
    .insert(apiTokens)
    .values({
      name: input.name,
      role: input.role,
      prefix,
      hash: hashToken(token),
      createdBy: input.createdBy ?? null,
      expiresAt: input.expiresAt ?? null,
    })
    .returning({ id: apiTokens.id });
  if (actor)
    await recordUserEvent(db, actor, {
      event: 'token.created',
      targetTokenId: row.id,
      targetLabel: input.name,
      metadata: { role: input.role, prefix, expiresAt: input.expiresAt?.toISOString() ?? null },
    });
  return { id: row.id, token, prefix };
}

export async function revokeApiToken(db: Db, id: string, actor?: Actor): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id)))
    .returning({ id: apiTokens.id, name: apiTokens.name });
  clearTokenCache();
  if (actor && rows[0])
    await recordUserEvent(db, actor, { event: 'token.revoked', targetTokenId: id, targetLabel: rows[0].name });
  return rows.length > 0;
}

export async function listApiTokens(db: Db) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      role: apiTokens.role,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      expiresAt: apiTokens.expiresAt,
      createdByName: users.name,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .orderBy(desc(apiTokens.createdAt));
}

// lastUsedAt is informational: write it at most once a minute per token, not on every request.
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Verified tokens are remembered for a few seconds so that a burst of API calls costs one lookup,
 * not one per request (the lookup was a fifth of the database round trips of a typical read).
 * Revoking a token or deactivating its creator clears this process's cache at once; another instance
 * may accept such a token for at most TOKEN_CACHE_MS. Expiry is checked on every request against the cached expiry.
 */
export const TOKEN_CACHE_MS = 5_000;
const TOKEN_CACHE_MAX = 1_000;
interface CachedToken {
  row: { id: string; name: string; role: Role; expiresAt: Date | null; lastUsedAt: Date | null };
  at: number;
}
const store = globalThis as unknown as { __c360TokenCache?: Map<string, CachedToken> };
const tokenCache = () => (store.__c360TokenCache ??= new Map());

/** Forget every verified token (after a revocation, or in tests). */
export function clearTokenCache(): void {
  tokenCache().clear();
}

async function lookupToken(db: Db, hash: string): Promise<CachedToken['row'] | null> {
  const cached = tokenCache().get(hash);
  if (cached && Date.now() - cached.at < TOKEN_CACHE_MS) return cached.row;
  tokenCache().delete(hash);
  const [row] = await db
    .select({ token: apiTokens, creatorActive: users.active })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.hash, hash))
    .limit(1)
    .then((rows) => rows.map((r) => ({ ...r.token, creatorActive: r.creatorActive })));
  // A token dies with its creator's account: deactivating someone stops the integrations they set up.
  if (!row || row.revokedAt || row.creatorActive === false) return null;
  if (tokenCache().size >= TOKEN_CACHE_MAX) tokenCache().delete(tokenCache().keys().next().value!);
  const entry: CachedToken = {
    row: { id: row.id, name: row.name, role: row.role, expiresAt: row.expiresAt, lastUsedAt: row.lastUsedAt },
    at: Date.now(),
  };
  tokenCache().set(hash, entry);
  return entry.row;
}

/** Resolves a bearer token to an actor, or null when unknown, revoked or expired. */
export async function authenticateToken(db: Db, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = await lookupToken(db, hashToken(token));
  if (!row) return null;
  const now = new Date();
  if (row.expiresAt && row.expiresAt <= now) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    row.lastUsedAt = now;
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return { kind: 'token', id: row.id, name: `API · ${row.name}`, role: row.role };
}

/** Admin tokens page: every token, newest first. */
export function loadApiTokens() {
  return listApiTokens(getDb());
}
