import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { userLinks, users } from '@/db/schema';
import type { LinkPurpose } from '@/db/schema/enums';
import { appUrl } from '@/lib/env';

/**
 * One-time links (invitation, password reset): 256 random bits in the link, only their sha256 in the
 * database, so a database dump opens no account. A link works once, until it expires; issuing a new
 * link of the same purpose revokes the older ones.
 */
export const LINK_TTL_MS: Record<LinkPurpose, number> = {
  invitation: 72 * 60 * 60 * 1000,
  reset: 60 * 60 * 1000,
};

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The address a person opens: the secret is in the fragment, so it never reaches a server log or a Referer. */
export function linkUrl(token: string): string {
  return `${appUrl()}/set-password#${token}`;
}

export interface IssuedLink {
  token: string;
  url: string;
  expiresAt: Date;
}

export async function issueLink(
  tx: DbOrTx,
  input: { userId: string; purpose: LinkPurpose; createdBy: string | null; now?: Date },
): Promise<IssuedLink> {
  const now = input.now ?? new Date();
  await revokeLinks(tx, input.userId, input.purpose, now);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + LINK_TTL_MS[input.purpose]);
  await tx.insert(userLinks).values({
    userId: input.userId,
    purpose: input.purpose,
    hash: hashLinkToken(token),
    createdBy: input.createdBy,
    createdAt: now,
    expiresAt,
  });
  return { token, url: linkUrl(token), expiresAt };
}

/** Revokes the user's open links of this purpose (all purposes when omitted); returns how many. */
export async function revokeLinks(tx: DbOrTx, userId: string, purpose?: LinkPurpose, now = new Date()) {
  const rows = await tx
    .update(userLinks)
    .set({ revokedAt: now })
    .where(
      and(
        eq(userLinks.userId, userId),
        purpose ? eq(userLinks.purpose, purpose) : undefined,
        isNull(userLinks.usedAt),
        isNull(userLinks.revokedAt),
      ),
    )
    .returning({ id: userLinks.id });
  return rows.length;
}

function isToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** What the set-password page shows before the form: whose link, or null when it no longer works. */
export async function inspectLink(db: DbOrTx, token: string, now = new Date()) {
  if (!isToken(token)) return null;
  const [row] = await db
    .select({ purpose: userLinks.purpose, name: users.name, email: users.email, expiresAt: userLinks.expiresAt })
    .from(userLinks)
    .innerJoin(users, eq(users.id, userLinks.userId))
    .where(
      and(
        eq(userLinks.hash, hashLinkToken(token)),
        isNull(userLinks.usedAt),
        isNull(userLinks.revokedAt),
        gt(userLinks.expiresAt, now),
        eq(users.active, true),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Uses the link: one UPDATE that only an unused, unrevoked, unexpired link matches, so two submissions
 * racing each other cannot both succeed. Null when the link does not work (any reason: the page says one thing).
 */
export async function consumeLink(tx: DbOrTx, token: string, now = new Date()) {
  if (!isToken(token)) return null;
  const [row] = await tx
    .update(userLinks)
    .set({ usedAt: now })
    .where(
      and(
        eq(userLinks.hash, hashLinkToken(token)),
        isNull(userLinks.usedAt),
        isNull(userLinks.revokedAt),
        gt(userLinks.expiresAt, now),
        sql`exists (select 1 from ${users} where ${users.id} = ${userLinks.userId} and ${users.active})`,
      ),
    )
    .returning({ userId: userLinks.userId, purpose: userLinks.purpose });
  return row ?? null;
}
