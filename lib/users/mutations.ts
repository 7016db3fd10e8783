import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { users } from '@/db/schema';
import type { Role } from '@/db/schema/enums';
import type { Actor } from '@/lib/auth/actor';
import { issueLink, type IssuedLink, revokeLinks } from '@/lib/auth/links';
import { hashPassword } from '@/lib/auth/passwords';
import { passwordWeakness } from '@/lib/auth/password-policy';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { clearTokenCache } from '@/lib/auth/tokens';
import { AppError } from '@/lib/errors';
import { recordUserEvent } from './events';
import { getUser, getUserByEmail, userStatus } from './queries';
import type { UserInviteInput, UserUpdateInput } from './schema';

const actorUserId = (actor: Actor) => (actor.kind === 'user' ? actor.id : null);

/** Refuses a password the policy rejects, as a field error on `field`. */
export function assertStrongPassword(password: string, context: string[], field = 'password'): void {
  const weakness = passwordWeakness(password, context);
  if (weakness) throw AppError.validation({ [field]: [weakness] }, weakness);
}

/**
 * Creates an invited account (no password yet) and its invitation link, valid 72 h. The caller sends the
 * link (invitations.ts). 409 when the e-mail is taken, whatever its letter case.
 */
export async function inviteUser(
  db: Db,
  actor: Actor,
  input: UserInviteInput,
): Promise<{ user: typeof users.$inferSelect; link: IssuedLink }> {
  return db.transaction(async (tx) => {
    if (await getUserByEmail(tx, input.email))
      throw AppError.conflict('Un compte existe déjà avec cette adresse e-mail.', {
        email: ['Adresse déjà utilisée.'],
      });
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash: null,
        createdBy: actorUserId(actor),
      })
      .returning();
    const link = await issueLink(tx, { userId: user.id, purpose: 'invitation', createdBy: actorUserId(actor) });
    await recordUserEvent(tx, actor, {
      event: 'user.invited',
      targetUserId: user.id,
      targetLabel: user.email,
      metadata: { role: user.role, expiresAt: link.expiresAt.toISOString() },
    });
    return { user, link };
  });
}

/** A new invitation link for an account still invited (the previous one stops working). */
export async function reissueInvitation(db: Db, actor: Actor, userId: string) {
  return db.transaction(async (tx) => {
    const user = await getUser(tx, userId);
    if (!user) throw AppError.notFound('Utilisateur introuvable.');
    if (userStatus(user) !== 'invited') throw AppError.conflict('Ce compte n’est plus en attente d’invitation.');
    const link = await issueLink(tx, { userId, purpose: 'invitation', createdBy: actorUserId(actor) });
    await recordUserEvent(tx, actor, {
      event: 'user.invitation_resent',
      targetUserId: userId,
      targetLabel: user.email,
      metadata: { expiresAt: link.expiresAt.toISOString() },
    });
    return { user, link };
  });
}

/** Withdraws an invitation: the pending account is removed (it never signed in), the journal keeps its trace. */
export async function revokeInvitation(db: Db, actor: Actor, userId: string) {
  return db.transaction(async (tx) => {
    const user = await getUser(tx, userId);
    if (!user) throw AppError.notFound('Utilisateur introuvable.');
    if (userStatus(user) !== 'invited') throw AppError.conflict('Ce compte n’est plus en attente d’invitation.');
    await tx.delete(users).where(eq(users.id, userId));
    await recordUserEvent(tx, actor, {
      event: 'user.invitation_revoked',
      targetUserId: userId,
      targetLabel: user.email,
    });
    return user;
  });
}

/**
 * The other active administrators, locked until the transaction ends: two admins demoting each other at
 * the same moment cannot both succeed and leave nobody to administer the deployment.
 */
async function otherActiveAdmins(tx: Tx, userId: string): Promise<number> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true), ne(users.id, userId)))
    .for('update');
  return rows.length;
}

/**
 * Admin changes to an account: name, role, active. Rules (README "Users and sign-in"): nobody changes
 * their own role or deactivates themselves; the last active administrator keeps the role and stays
 * active. Deactivation signs the person out everywhere at once (session version), kills their links,
 * and the API tokens they created stop working (tokens.ts checks the creator).
 */
export async function updateUser(db: Db, actor: Actor, userId: string, input: UserUpdateInput) {
  const result = await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) throw AppError.notFound('Utilisateur introuvable.');
    const self = actor.kind === 'user' && actor.id === userId;
    const demote = input.role !== undefined && input.role !== user.role && user.role === 'admin';
    const deactivate = input.active === false && user.active;
    if (self && input.role !== undefined && input.role !== user.role)
      throw AppError.conflict('Vous ne pouvez pas modifier votre propre rôle.');
    if (self && deactivate) throw AppError.conflict('Vous ne pouvez pas désactiver votre propre compte.');
    if ((demote || deactivate) && user.active && user.role === 'admin' && (await otherActiveAdmins(tx, userId)) === 0)
      throw AppError.conflict(
        demote
          ? 'C’est le dernier administrateur actif : nommez-en un autre avant de changer son rôle.'
          : 'C’est le dernier administrateur actif : nommez-en un autre avant de le désactiver.',
      );

    const patch: Partial<typeof users.$inferInsert> = {};
    const events: Parameters<typeof recordUserEvent>[2] = [];
    const target = { targetUserId: userId, targetLabel: user.email };
    if (input.name !== undefined && input.name !== user.name) {
      patch.name = input.name;
      events.push({ event: 'user.renamed', ...target, metadata: { from: user.name, to: input.name } });
    }
    if (input.role !== undefined && input.role !== user.role) {
      patch.role = input.role;
      events.push({
        event: 'user.role_changed',
        ...target,
        metadata: { from: user.role, to: input.role, label: `${ROLE_LABELS[user.role]} → ${ROLE_LABELS[input.role]}` },
      });
    }
    if (deactivate) {
      Object.assign(patch, {
        active: false,
        deactivatedAt: new Date(),
        sessionVersion: sql`${users.sessionVersion} + 1`,
      });
      await revokeLinks(tx, userId);
      events.push({ event: 'user.deactivated', ...target });
    } else if (input.active === true && !user.active) {
      Object.assign(patch, { active: true, deactivatedAt: null });
      events.push({ event: 'user.reactivated', ...target });
    }
    if (!events.length) return user;
    const [updated] = await tx.update(users).set(patch).where(eq(users.id, userId)).returning();
    await recordUserEvent(tx, actor, events);
    return updated;
  });
  // Verified tokens are cached a few seconds: forget them so the creator's deactivation applies now.
  if (input.active === false) clearTokenCache();
  return result;
}

/** Admin → "Envoyer un lien de réinitialisation": a reset link (1 h) the caller sends or shows. */
export async function issueResetLink(db: Db, actor: Actor, userId: string) {
  return db.transaction(async (tx) => {
    const user = await getUser(tx, userId);
    if (!user) throw AppError.notFound('Utilisateur introuvable.');
    if (!user.active) throw AppError.conflict('Ce compte est désactivé : réactivez-le d’abord.');
    const purpose = userStatus(user) === 'invited' ? 'invitation' : 'reset';
    const link = await issueLink(tx, { userId, purpose, createdBy: actorUserId(actor) });
    await recordUserEvent(tx, actor, {
      event: purpose === 'invitation' ? 'user.invitation_resent' : 'password.reset_requested',
      targetUserId: userId,
      targetLabel: user.email,
      metadata: { by: 'admin' },
    });
    return { user, link, purpose };
  });
}

/** Sets a new password hash and signs every session out (the caller refreshes its own). */
export async function storePassword(tx: Tx, userId: string, password: string) {
  const passwordHash = await hashPassword(password);
  const [row] = await tx
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  return row.sessionVersion;
}

/**
 * `npm run user`: creates the account or updates its name and role (reactivating it). With a password
 * (read from stdin), sets it; otherwise returns a one-time link (invitation for a new account, reset else).
 */
export async function upsertUserFromCli(
  db: Db,
  input: { email: string; name: string; role: Role; password?: string },
): Promise<{ created: boolean; user: typeof users.$inferSelect; link: IssuedLink | null }> {
  const actor: Actor = { kind: 'system', id: null, name: 'Ligne de commande (npm run user)', role: 'admin' };
  if (input.password !== undefined) assertStrongPassword(input.password, [input.name, input.email]);
  return db.transaction(async (tx) => {
    const existing = await getUserByEmail(tx, input.email);
    let user: typeof users.$inferSelect;
    const events: Parameters<typeof recordUserEvent>[2] = [];
    if (existing) {
      [user] = await tx
        .update(users)
        .set({ name: input.name, role: input.role, active: true, deactivatedAt: null })
        .where(eq(users.id, existing.id))
        .returning();
      const target = { targetUserId: user.id, targetLabel: user.email };
      if (existing.role !== input.role)
        events.push({ event: 'user.role_changed', ...target, metadata: { from: existing.role, to: input.role } });
      if (existing.name !== input.name)
        events.push({ event: 'user.renamed', ...target, metadata: { from: existing.name, to: input.name } });
      if (!existing.active) events.push({ event: 'user.reactivated', ...target });
    } else {
      [user] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, role: input.role, passwordHash: null })
        .returning();
      events.push({
        event: 'user.created',
        targetUserId: user.id,
        targetLabel: user.email,
        metadata: { role: input.role },
      });
    }
    let link: IssuedLink | null = null;
    if (input.password !== undefined) {
      await revokeLinks(tx, user.id);
      await storePassword(tx, user.id, input.password);
      events.push({ event: 'password.set', targetUserId: user.id, targetLabel: user.email, metadata: { by: 'cli' } });
    } else {
      const purpose = userStatus(user) === 'invited' ? 'invitation' : 'reset';
      link = await issueLink(tx, { userId: user.id, purpose, createdBy: null });
      events.push({
        event: purpose === 'invitation' ? 'user.invited' : 'password.reset_requested',
        targetUserId: user.id,
        targetLabel: user.email,
        metadata: { by: 'cli' },
      });
    }
    await recordUserEvent(tx, actor, events);
    return { created: !existing, user, link };
  });
}
