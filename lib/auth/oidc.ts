import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { users } from '@/db/schema';
import type { Role } from '@/db/schema/enums';
import { revokeLinks } from '@/lib/auth/links';
import { recordUserEvent } from '@/lib/users/events';
import type { Actor } from './actor';
import { roleAtLeast } from './permissions';

/** What the identity provider said about the person (ID token claims merged with userinfo). */
export interface SsoIdentity {
  issuer: string;
  sub: string;
  email: string | null;
  emailVerified: boolean | null;
  name: string | null;
  claims: Record<string, unknown>;
}

export interface SsoPolicy {
  autoCreateRole: Role | null;
  roleClaim: string | null;
  roleMap: Record<string, Role>;
}

export type SsoResult =
  | { ok: true; user: { id: string; email: string; name: string; role: Role; sessionVersion: number } }
  | { ok: false; reason: 'unknown' | 'deactivated' | 'no_email' };

/** The role the provider's claim maps to (the highest when several values match), or null: the app decides. */
export function mappedRole(policy: SsoPolicy, claims: Record<string, unknown>): Role | null {
  if (!policy.roleClaim) return null;
  const raw = claims[policy.roleClaim];
  const values = Array.isArray(raw) ? raw : raw == null ? [] : [raw];
  let best: Role | null = null;
  for (const v of values) {
    const role = policy.roleMap[String(v)];
    if (role && (!best || roleAtLeast(role, best))) best = role;
  }
  return best;
}

/**
 * Who an SSO sign-in is (README "Single sign-on"): the account linked to this provider subject, else the
 * account with this e-mail (an invited person's first SSO sign-in links it), else — only when
 * OIDC_AUTO_CREATE_ROLE is set — a new account. Deactivated accounts are refused. The role is the app's,
 * unless OIDC_ROLE_CLAIM/OIDC_ROLE_MAP map one explicitly.
 */
export async function resolveSsoUser(
  db: Db,
  identity: SsoIdentity,
  policy: SsoPolicy,
  ip: string | null,
): Promise<SsoResult> {
  const subject = `${identity.issuer}|${identity.sub}`;
  const email = identity.email?.trim().toLowerCase() || null;
  const sso: Actor = { kind: 'system', id: null, name: 'Connexion SSO', role: 'viewer', ip };
  return db.transaction(async (tx) => {
    let [user] = await tx.select().from(users).where(eq(users.oidcSubject, subject)).limit(1);
    const events: Parameters<typeof recordUserEvent>[2] = [];
    if (!user) {
      // An e-mail the provider says it did not verify cannot claim an account.
      if (!email || identity.emailVerified === false) {
        await recordUserEvent(tx, sso, {
          event: 'sso.refused',
          targetLabel: email ?? identity.sub,
          metadata: { reason: 'no_email' },
        });
        return { ok: false, reason: 'no_email' } as const;
      }
      const [byEmail] = await tx
        .select()
        .from(users)
        .where(eq(sql`lower(${users.email})`, email))
        .limit(1);
      if (byEmail && !byEmail.oidcSubject) {
        [user] = await tx.update(users).set({ oidcSubject: subject }).where(eq(users.id, byEmail.id)).returning();
        // The invitation is answered: its link must not open the account a second time.
        await revokeLinks(tx, user.id, 'invitation');
        events.push({ event: 'sso.first_sign_in', targetUserId: user.id, targetLabel: user.email });
      } else if (!byEmail && policy.autoCreateRole) {
        const role = mappedRole(policy, identity.claims) ?? policy.autoCreateRole;
        [user] = await tx
          .insert(users)
          .values({ email, name: identity.name?.trim() || email, role, passwordHash: null, oidcSubject: subject })
          .returning();
        events.push(
          { event: 'user.created', targetUserId: user.id, targetLabel: user.email, metadata: { role, by: 'sso' } },
          { event: 'sso.first_sign_in', targetUserId: user.id, targetLabel: user.email },
        );
      } else {
        // Unknown, or the e-mail's account is linked to another subject of the provider.
        await recordUserEvent(tx, sso, { event: 'sso.refused', targetLabel: email, metadata: { reason: 'unknown' } });
        return { ok: false, reason: 'unknown' } as const;
      }
    }
    if (!user.active) {
      await recordUserEvent(tx, sso, {
        event: 'sso.refused',
        targetUserId: user.id,
        targetLabel: user.email,
        metadata: { reason: 'deactivated' },
      });
      return { ok: false, reason: 'deactivated' } as const;
    }
    const role = mappedRole(policy, identity.claims);
    if (role && role !== user.role && !(user.role === 'admin' && (await isLastAdmin(tx as unknown as Db, user.id)))) {
      events.push({
        event: 'user.role_changed',
        targetUserId: user.id,
        targetLabel: user.email,
        metadata: { from: user.role, to: role, by: 'sso' },
      });
      user = { ...user, role };
    }
    [user] = await tx
      .update(users)
      .set({ role: user.role, lastLoginAt: new Date() })
      .where(eq(users.id, user.id))
      .returning();
    await recordUserEvent(tx, sso, events);
    return {
      ok: true,
      user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
    } as const;
  });
}

async function isLastAdmin(db: Db, userId: string): Promise<boolean> {
  const others = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true), ne(users.id, userId)))
    .limit(1);
  return others.length === 0;
}
