import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { userEvents, userLinks, users } from '@/db/schema';
import { consumeLink, hashLinkToken, inspectLink, LINK_TTL_MS } from '@/lib/auth/links';
import { clearTokenCache, createApiToken } from '@/lib/auth/tokens';
import { authenticateRequest } from '@/lib/auth/with-auth';
import { authSecret } from '@/lib/env';
import { changeOwnPassword, completeLink, revokeOtherSessions } from '@/lib/users/account';
import { inviteUser, revokeInvitation, updateUser } from '@/lib/users/mutations';
import { listUsers } from '@/lib/users/queries';
import { listUserEvents } from '@/lib/users/events';
import { actorFor, createUser } from '../factories';

const COOKIE = 'authjs.session-token';
const STRONG = 'cheval agrafe batterie correcte';
const STRONG_2 = 'lampadaire girafe escalier bleu';

async function sessionCookie(uid: string, sv?: number) {
  const token = sv === undefined ? { uid } : { uid, sv };
  return `${COOKIE}=${await encode({ token, secret: authSecret(), salt: COOKIE })}`;
}
async function whoAmI(cookie: string) {
  return authenticateRequest(new Request('http://localhost/api/users', { headers: { cookie } }));
}
const tokenOf = (url: string) => url.split('#')[1];
const eventsOf = async (userId: string) =>
  (await getDb().select().from(userEvents).where(eq(userEvents.targetUserId, userId))).map((e) => e.event);

let admin: Awaited<ReturnType<typeof createUser>>;
beforeEach(async () => {
  admin = await createUser('admin');
});

describe('invitations and one-time links', () => {
  it('invites without a password, stores only the hash, and the link sets the password once', async () => {
    const { user, link } = await inviteUser(getDb(), actorFor(admin), {
      email: `tech${Date.now()}@garage.fr`,
      name: 'Théo Technicien',
      role: 'technician',
    });
    expect(user.passwordHash).toBeNull();
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(LINK_TTL_MS.invitation - 60_000);
    const token = tokenOf(link.url);
    const [stored] = await getDb().select().from(userLinks).where(eq(userLinks.userId, user.id));
    expect(stored.hash).toBe(hashLinkToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await listUsers(getDb(), { status: 'invited' })).map((u) => u.id)).toContain(user.id);

    expect(await inspectLink(getDb(), token)).toMatchObject({ purpose: 'invitation', email: user.email });
    const done = await completeLink(getDb(), { token, password: STRONG }, '10.0.0.1');
    expect(done).toMatchObject({ id: user.id, purpose: 'invitation' });
    await expect(completeLink(getDb(), { token, password: STRONG_2 }, '10.0.0.1')).rejects.toMatchObject({
      status: 400,
    });
    expect((await listUsers(getDb(), { status: 'active' })).map((u) => u.id)).toContain(user.id);
    // The journal has the facts, never the secret.
    const rows = await getDb().select().from(userEvents).where(eq(userEvents.targetUserId, user.id));
    expect(rows.map((r) => r.event).sort()).toEqual(['password.set', 'user.invited']);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(STRONG);
    expect(rows.find((r) => r.event === 'password.set')?.ip).toBe('10.0.0.1');
  });

  it('refuses a weak password without using up the link', async () => {
    const { link } = await inviteUser(getDb(), actorFor(admin), {
      email: 'weak@garage.fr',
      name: 'Léa Faible',
      role: 'viewer',
    });
    const token = tokenOf(link.url);
    for (const password of ['motdepasse123', 'azertyuiop123', 'court']) {
      await expect(completeLink(getDb(), { token, password }, null)).rejects.toMatchObject({
        code: 'validation_failed',
      });
    }
    expect(await inspectLink(getDb(), token)).not.toBeNull();
  });

  it('an expired link, a revoked one and a forged one do not work', async () => {
    const { user, link } = await inviteUser(getDb(), actorFor(admin), {
      email: 'late@garage.fr',
      name: 'Tardif',
      role: 'viewer',
    });
    const token = tokenOf(link.url);
    await getDb()
      .update(userLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(userLinks.userId, user.id));
    await expect(completeLink(getDb(), { token, password: STRONG }, null)).rejects.toMatchObject({ status: 400 });
    expect(await consumeLink(getDb(), token, new Date(Date.now() + LINK_TTL_MS.invitation))).toBeNull();
    expect(await consumeLink(getDb(), 'A'.repeat(43))).toBeNull();
    await revokeInvitation(getDb(), actorFor(admin), user.id);
    expect(await getDb().select().from(users).where(eq(users.id, user.id))).toEqual([]);
  });

  it('two submissions of the same link racing: exactly one wins', async () => {
    const { link } = await inviteUser(getDb(), actorFor(admin), {
      email: 'race@garage.fr',
      name: 'Course',
      role: 'viewer',
    });
    const token = tokenOf(link.url);
    const results = await Promise.allSettled([
      completeLink(getDb(), { token, password: STRONG }, null),
      completeLink(getDb(), { token, password: STRONG_2 }, null),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('an e-mail already used (any letter case) is a 409', async () => {
    await expect(
      inviteUser(getDb(), actorFor(admin), {
        email: admin.email.toUpperCase().toLowerCase(),
        name: 'X',
        role: 'viewer',
      }),
    ).rejects.toMatchObject({ status: 409 });
  });
});

describe('administration rules', () => {
  it('the last active admin can be neither demoted nor deactivated; with a second admin, they can', async () => {
    const manager = await createUser('manager');
    // Only admin left: `admin` (other test files' admins live in other databases).
    await getDb().update(users).set({ active: false }).where(eq(users.role, 'admin'));
    await getDb().update(users).set({ active: true }).where(eq(users.id, admin.id));
    const byManagerToken = { kind: 'token' as const, id: null, name: 'API · ops', role: 'admin' as const };
    await expect(updateUser(getDb(), byManagerToken, admin.id, { role: 'manager' })).rejects.toMatchObject({
      status: 409,
    });
    await expect(updateUser(getDb(), byManagerToken, admin.id, { active: false })).rejects.toMatchObject({
      status: 409,
    });
    const second = await createUser('admin');
    expect((await updateUser(getDb(), actorFor(second), admin.id, { role: 'manager' })).role).toBe('manager');
    await expect(updateUser(getDb(), actorFor(second), second.id, { active: false })).rejects.toMatchObject({
      status: 409,
    });
    expect((await updateUser(getDb(), actorFor(second), manager.id, { active: false })).active).toBe(false);
  });

  it('nobody changes their own role or deactivates themselves', async () => {
    await createUser('admin');
    await expect(updateUser(getDb(), actorFor(admin), admin.id, { role: 'viewer' })).rejects.toMatchObject({
      status: 409,
    });
    await expect(updateUser(getDb(), actorFor(admin), admin.id, { active: false })).rejects.toMatchObject({
      status: 409,
    });
    expect((await updateUser(getDb(), actorFor(admin), admin.id, { name: 'Nouveau nom' })).name).toBe('Nouveau nom');
  });

  it('records role changes and deactivations with actor, time and address', async () => {
    const tech = await createUser('technician');
    await updateUser(getDb(), actorFor(admin), tech.id, { role: 'manager' });
    await updateUser(getDb(), actorFor(admin), tech.id, { active: false });
    const page = await listUserEvents(getDb(), { q: tech.email, limit: 1 });
    expect(page.data[0]).toMatchObject({ event: 'user.deactivated', actorName: admin.name, ip: '127.0.0.1' });
    const next = await listUserEvents(getDb(), { q: tech.email, limit: 1, cursor: page.nextCursor! });
    expect(next.data[0]).toMatchObject({ event: 'user.role_changed', metadata: { from: 'technician', to: 'manager' } });
    expect((await listUserEvents(getDb(), { group: 'users', q: tech.email })).data).toHaveLength(2);
  });
});

describe('sessions and tokens stop at once', () => {
  it('deactivation refuses the open session on its next request; reactivation does not bring it back', async () => {
    const tech = await createUser('technician');
    const cookie = await sessionCookie(tech.id, 0);
    expect(await whoAmI(cookie)).toMatchObject({ id: tech.id });
    // A session issued before session versions existed counts as version 0.
    expect(await whoAmI(await sessionCookie(tech.id))).toMatchObject({ id: tech.id });
    await updateUser(getDb(), actorFor(admin), tech.id, { active: false });
    expect(await whoAmI(cookie)).toBeNull();
    await updateUser(getDb(), actorFor(admin), tech.id, { active: true });
    expect(await whoAmI(cookie)).toBeNull();
    expect(await whoAmI(await sessionCookie(tech.id, 1))).toMatchObject({ id: tech.id });
  });

  it('a password change or "sign out other sessions" refuses every older session', async () => {
    const tech = await createUser('technician');
    const old = await sessionCookie(tech.id, 0);
    const version = await changeOwnPassword(getDb(), actorFor(tech), { current: 'test-password', password: STRONG });
    expect(await whoAmI(old)).toBeNull();
    const current = await sessionCookie(tech.id, version);
    expect(await whoAmI(current)).toMatchObject({ id: tech.id });
    await expect(
      changeOwnPassword(getDb(), actorFor(tech), { current: 'wrong-password', password: STRONG_2 }),
    ).rejects.toMatchObject({ fields: { current: ['Mot de passe actuel incorrect.'] } });
    const after = await revokeOtherSessions(getDb(), actorFor(tech));
    expect(await whoAmI(current)).toBeNull();
    expect(await whoAmI(await sessionCookie(tech.id, after))).toMatchObject({ id: tech.id });
    expect(await eventsOf(tech.id)).toEqual(expect.arrayContaining(['password.changed', 'sessions.revoked']));
  });

  it('a reset link signs every session out', async () => {
    const tech = await createUser('technician');
    const cookie = await sessionCookie(tech.id, 0);
    const { issueResetLink } = await import('@/lib/users/mutations');
    const { link } = await issueResetLink(getDb(), actorFor(admin), tech.id);
    expect(link.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(LINK_TTL_MS.reset);
    await completeLink(getDb(), { token: tokenOf(link.url), password: STRONG }, null);
    expect(await whoAmI(cookie)).toBeNull();
    expect(await eventsOf(tech.id)).toEqual(
      expect.arrayContaining(['password.reset_requested', 'password.reset_completed']),
    );
  });

  it('the API tokens a deactivated user created stop working at once', async () => {
    const creator = await createUser('admin');
    const created = await createApiToken(
      getDb(),
      { name: 'ERP', role: 'viewer', createdBy: creator.id },
      actorFor(creator),
    );
    const bearer = () =>
      new Request('http://localhost/api/tags', { headers: { authorization: `Bearer ${created.token}` } });
    expect(await authenticateRequest(bearer())).toMatchObject({ kind: 'token' });
    await updateUser(getDb(), actorFor(admin), creator.id, { active: false });
    await expect(authenticateRequest(bearer())).rejects.toMatchObject({ status: 401 });
    await updateUser(getDb(), actorFor(admin), creator.id, { active: true });
    clearTokenCache();
    expect(await authenticateRequest(bearer())).toMatchObject({ kind: 'token' });
    expect((await listUserEvents(getDb(), { group: 'tokens' })).data.map((e) => e.targetLabel)).toContain('ERP');
  });
});
