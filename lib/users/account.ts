import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { consumeLink, inspectLink, issueLink } from '@/lib/auth/links';
import { verifyPassword, withHashSlot } from '@/lib/auth/passwords';
import { AppError } from '@/lib/errors';
import { addressBucket } from '@/lib/http/forwarded';
import { getRateLimiter } from '@/lib/rate-limit';
import { recordUserEvent } from './events';
import { deliverAccountMail, resetMail } from './mail';
import { assertStrongPassword, storePassword } from './mutations';
import { getUser, getUserByEmail, userStatus } from './queries';

const LINK_DEAD = 'Ce lien n’est plus valable (déjà utilisé, expiré ou remplacé). Demandez-en un nouveau.';

/**
 * The set-password page: checks the password against the policy first (a weak password does not use up
 * the link), then uses the link and sets the password in one transaction. Every session of the account
 * is signed out. Returns the account so the page can sign the person in.
 */
export async function completeLink(db: Db, input: { token: string; password: string }, ip: string | null) {
  const link = await inspectLink(db, input.token);
  if (!link) throw AppError.badRequest(LINK_DEAD);
  assertStrongPassword(input.password, [link.name, link.email]);
  return db.transaction(async (tx) => {
    const used = await consumeLink(tx, input.token);
    if (!used) throw AppError.badRequest(LINK_DEAD);
    await storePassword(tx, used.userId, input.password);
    const [user] = await tx.select().from(users).where(eq(users.id, used.userId));
    const actor: Actor = { kind: 'user', id: user.id, name: user.name, role: user.role, ip };
    await recordUserEvent(tx, actor, {
      event: used.purpose === 'invitation' ? 'password.set' : 'password.reset_completed',
      targetUserId: user.id,
      targetLabel: user.email,
    });
    return { id: user.id, email: user.email, purpose: used.purpose };
  });
}

/** Mon compte: the current password is required; every other session is signed out. Returns the new version. */
export async function changeOwnPassword(db: Db, actor: Actor, input: { current: string; password: string }) {
  if (actor.kind !== 'user' || !actor.id) throw AppError.forbidden();
  const user = await getUser(db, actor.id);
  if (!user) throw AppError.unauthorized();
  // The current password is a secret under guess: the same budget as sign-in attempts on this account.
  const limit = await getRateLimiter().hit(`password-change:${user.id}`, 10, 15 * 60);
  if (!limit.ok) throw AppError.rateLimited(limit.retryAfter);
  const valid = user.passwordHash ? await withHashSlot(() => verifyPassword(user.passwordHash!, input.current)) : false;
  if (valid === 'busy') throw AppError.rateLimited(1);
  if (!valid)
    throw AppError.validation({ current: ['Mot de passe actuel incorrect.'] }, 'Mot de passe actuel incorrect.');
  assertStrongPassword(input.password, [user.name, user.email]);
  if (input.password === input.current)
    throw AppError.validation({ password: ['Choisissez un mot de passe différent de l’actuel.'] });
  return db.transaction(async (tx) => {
    const version = await storePassword(tx, user.id, input.password);
    await recordUserEvent(tx, actor, { event: 'password.changed', targetUserId: user.id, targetLabel: user.email });
    return version;
  });
}

/** Mon compte → "Déconnecter mes autres sessions". Returns the new version for this session. */
export async function revokeOtherSessions(db: Db, actor: Actor): Promise<number> {
  if (actor.kind !== 'user' || !actor.id) throw AppError.forbidden();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, actor.id!))
      .returning({ sessionVersion: users.sessionVersion, email: users.email });
    if (!row) throw AppError.unauthorized();
    await recordUserEvent(tx, actor, { event: 'sessions.revoked', targetUserId: actor.id, targetLabel: row.email });
    return row.sessionVersion;
  });
}

/** Mon compte → name. */
export async function renameSelf(db: Db, actor: Actor, name: string) {
  if (actor.kind !== 'user' || !actor.id) throw AppError.forbidden();
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, actor.id!));
    if (!before || before.name === name) return;
    await tx.update(users).set({ name }).where(eq(users.id, actor.id!));
    await recordUserEvent(tx, actor, {
      event: 'user.renamed',
      targetUserId: actor.id,
      targetLabel: before.email,
      metadata: { from: before.name, to: name },
    });
  });
}

/** Per address and per e-mail: a reset form cannot be used to flood someone's mailbox. */
export const RESET_LIMITS = {
  address: { limit: 10, windowSeconds: 15 * 60 },
  email: { limit: 3, windowSeconds: 60 * 60 },
};

/**
 * "Mot de passe oublié": when the e-mail belongs to an active account that can have a password, a reset
 * link (1 h) is mailed. The caller answers the same whatever happens here and does not wait for it
 * (account-actions.ts), so neither the answer nor its timing tells whether the e-mail exists.
 * Without SMTP no link leaves the server: the request is in the journal and an admin sends a link.
 */
export async function requestPasswordReset(db: Db, email: string, ip: string | null): Promise<'sent' | 'skipped'> {
  const limiter = getRateLimiter();
  const byAddress = await limiter.hit(
    `reset:address:${addressBucket(ip ?? 'unknown')}`,
    RESET_LIMITS.address.limit,
    RESET_LIMITS.address.windowSeconds,
  );
  const byEmail = await limiter.hit(`reset:email:${email}`, RESET_LIMITS.email.limit, RESET_LIMITS.email.windowSeconds);
  if (!byAddress.ok || !byEmail.ok) return 'skipped';
  const user = await getUserByEmail(db, email);
  if (!user || !user.active || userStatus(user) === 'invited') return 'skipped';
  const actor: Actor = { kind: 'system', id: null, name: 'Formulaire « Mot de passe oublié »', role: 'viewer', ip };
  const link = await db.transaction(async (tx) => {
    const issued = await issueLink(tx, { userId: user.id, purpose: 'reset', createdBy: null });
    await recordUserEvent(tx, actor, {
      event: 'password.reset_requested',
      targetUserId: user.id,
      targetLabel: user.email,
      metadata: { by: 'self' },
    });
    return issued;
  });
  const outcome = await deliverAccountMail({
    to: user.email,
    ...resetMail({ name: user.name, url: link.url, expiresAt: link.expiresAt }),
  });
  if (outcome.status === 'failed') console.error('[reset] the mail server refused the reset e-mail:', outcome.error);
  return outcome.status === 'sent' ? 'sent' : 'skipped';
}

export const FORGOT_PASSWORD_ANSWER =
  'Si un compte actif correspond à cette adresse, un e-mail avec un lien valable une heure vient de lui être envoyé. Rien reçu ? Vérifiez vos indésirables ou demandez à votre administrateur.';

// Reset requests run after the answer; tests wait for them here (the answer never does).
const pending = new Set<Promise<unknown>>();

export function scheduleResetRequest(db: Db, email: string, ip: string | null): void {
  const work = requestPasswordReset(db, email, ip).catch((error: unknown) =>
    console.error('[reset] request failed', error),
  );
  pending.add(work);
  void work.finally(() => pending.delete(work));
}

export async function settleResetRequests(): Promise<void> {
  await Promise.allSettled([...pending]);
}
