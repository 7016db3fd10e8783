import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { userEvents, users } from '@/db/schema';
import { inspectLink } from '@/lib/auth/links';
import { resolveSsoUser, type SsoIdentity, type SsoPolicy } from '@/lib/auth/oidc';
import { inviteUser } from '@/lib/users/mutations';
import { actorFor, createUser } from '../factories';

const ISSUER = 'https://idp.garage.example';
const closed: SsoPolicy = { autoCreateRole: null, roleClaim: null, roleMap: {} };
let n = 0;
const identity = (over: Partial<SsoIdentity> = {}): SsoIdentity => ({
  issuer: ISSUER,
  sub: `sub-${++n}`,
  email: `sso${n}@garage.fr`,
  emailVerified: true,
  name: 'Personne SSO',
  claims: {},
  ...over,
});

describe('SSO sign-in rules', () => {
  it('refuses an unknown person (and says so in the journal) unless auto-creation is configured', async () => {
    const who = identity();
    expect(await resolveSsoUser(getDb(), who, closed, '198.51.100.1')).toEqual({ ok: false, reason: 'unknown' });
    const [refused] = await getDb().select().from(userEvents).where(eq(userEvents.targetLabel, who.email!));
    expect(refused).toMatchObject({ event: 'sso.refused', ip: '198.51.100.1' });
    const created = await resolveSsoUser(getDb(), who, { ...closed, autoCreateRole: 'viewer' }, null);
    expect(created).toMatchObject({ ok: true, user: { role: 'viewer', email: who.email } });
  });

  it('an invited person signs in, the account gets linked, the invitation link dies, the role is the app’s', async () => {
    const admin = await createUser('admin');
    const { user, link } = await inviteUser(getDb(), actorFor(admin), {
      email: 'invitee@garage.fr',
      name: 'Invitée',
      role: 'technician',
    });
    const who = identity({ email: 'INVITEE@garage.fr', claims: { groups: ['admins'] } });
    const r = await resolveSsoUser(getDb(), who, closed, null);
    expect(r).toMatchObject({ ok: true, user: { id: user.id, role: 'technician' } });
    expect(await inspectLink(getDb(), link.url.split('#')[1])).toBeNull();
    const [row] = await getDb().select().from(users).where(eq(users.id, user.id));
    expect(row.oidcSubject).toBe(`${ISSUER}|${who.sub}`);
    expect(row.lastLoginAt).not.toBeNull();
    // The same subject next time, whatever e-mail the provider now sends.
    expect(await resolveSsoUser(getDb(), { ...who, email: 'autre@garage.fr' }, closed, null)).toMatchObject({
      ok: true,
      user: { id: user.id },
    });
  });

  it('the role comes from the provider only through an explicit mapping', async () => {
    const tech = await createUser('technician');
    const who = identity({ email: tech.email, claims: { groups: ['c360-managers', 'other'] } });
    const mapped: SsoPolicy = { ...closed, roleClaim: 'groups', roleMap: { 'c360-managers': 'manager' } };
    expect(await resolveSsoUser(getDb(), who, mapped, null)).toMatchObject({ ok: true, user: { role: 'manager' } });
  });

  it('refuses a deactivated account and an unverified e-mail', async () => {
    const gone = await createUser('viewer', { active: false });
    expect(await resolveSsoUser(getDb(), identity({ email: gone.email }), closed, null)).toEqual({
      ok: false,
      reason: 'deactivated',
    });
    const victim = await createUser('admin');
    expect(
      await resolveSsoUser(getDb(), identity({ email: victim.email, emailVerified: false }), closed, null),
    ).toEqual({
      ok: false,
      reason: 'no_email',
    });
  });
});
