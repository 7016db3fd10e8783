import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { apiTokens, users } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
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
  return { id: row.id, token, prefix };
}

export async function revokeApiToken(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id)))
    .returning({ id: apiTokens.id });
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

/** Resolves a bearer token to an actor, or null when unknown, revoked or expired. */
export async function authenticateToken(db: Db, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.hash, hashToken(token))).limit(1);
  if (!row || row.revokedAt) return null;
  const now = new Date();
  if (row.expiresAt && row.expiresAt <= now) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return { kind: 'token', id: row.id, name: `API · ${row.name}`, role: row.role };
}
