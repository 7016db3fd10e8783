import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { userEvents } from '@/db/schema';
import { resetEnvCache } from '@/lib/env';
import { setRateLimiter } from '@/lib/rate-limit';
import { createBearer, createUser } from '../factories';
import { call } from '../factories/http';
import { linkInMail, startSmtpServer } from '../factories/smtp';

// Server actions read the caller's address from the request headers.
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '203.0.113.7' }) }));

const { forgotPasswordAction } = await import('@/lib/users/account-actions');
const { completeLink, FORGOT_PASSWORD_ANSWER, settleResetRequests } = await import('@/lib/users/account');
const usersRoute = await import('@/app/api/users/route');
const userRoute = await import('@/app/api/users/[userId]/route');

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  process.env.APP_URL = 'https://crm.garage.example';
  resetEnvCache();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.APP_URL;
  resetEnvCache();
  await smtp.close();
});

function form(fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

describe('Mot de passe oublié: enumeration-safe', () => {
  it('answers the same, as fast, for a known and an unknown e-mail; only the known one gets a link', async () => {
    setRateLimiter(undefined);
    const known = await createUser('technician');
    // Warm-up (first import of the action's code paths), then the two measured calls.
    await forgotPasswordAction({ ok: false, message: '' }, form({ email: 'echauffement@inconnu.fr' }));
    await settleResetRequests();
    const timings: Record<string, number> = {};
    const answers: Record<string, unknown> = {};
    for (const [label, email] of [
      ['known', known.email],
      ['unknown', 'personne@inconnu.fr'],
    ] as const) {
      const start = performance.now();
      answers[label] = await forgotPasswordAction({ ok: false, message: '' }, form({ email }));
      timings[label] = performance.now() - start;
    }
    expect(answers.known).toEqual({ ok: true, message: FORGOT_PASSWORD_ANSWER });
    expect(answers.unknown).toEqual(answers.known);
    // Neither waits for the lookup, the link or the SMTP round trip (generous bounds: a busy CI machine).
    expect(Math.abs(timings.known - timings.unknown)).toBeLessThan(100);
    expect(Math.max(timings.known, timings.unknown)).toBeLessThan(250);
    await settleResetRequests();
    expect(smtp.received.map((m) => m.to)).toEqual([[known.email]]);
    const link = linkInMail(smtp.received[0].raw);
    expect(link).toMatch(/^https:\/\/crm\.garage\.example\/set-password#/);
    const events = await getDb().select().from(userEvents).where(eq(userEvents.event, 'password.reset_requested'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ targetUserId: known.id, ip: '203.0.113.7' });
    expect(JSON.stringify(events)).not.toContain(link!.split('#')[1]);
    await completeLink(getDb(), { token: link!.split('#')[1], password: 'cheval agrafe batterie correcte' }, null);
  });

  it('a deactivated or invited account gets no e-mail either, and a flood is capped per e-mail', async () => {
    setRateLimiter(undefined);
    const before = smtp.received.length;
    const gone = await createUser('viewer', { active: false });
    const invited = await createUser('viewer', { passwordHash: null });
    const target = await createUser('viewer');
    for (const email of [gone.email, invited.email, ...Array(6).fill(target.email)])
      await forgotPasswordAction({ ok: false, message: '' }, form({ email }));
    await settleResetRequests();
    expect(smtp.received.slice(before).map((m) => m.to[0])).toEqual([target.email, target.email, target.email]);
  });

  it('a malformed e-mail is a field error, not a different answer about existence', async () => {
    const r = await forgotPasswordAction({ ok: false, message: '' }, form({ email: 'pas-une-adresse' }));
    expect(r.ok).toBe(false);
    expect(r.fieldErrors?.email).toEqual(['Adresse e-mail invalide.']);
  });
});

describe('API /api/users (admin tokens only)', () => {
  it('POST invites and mails the link; 409 on a taken e-mail; 403 for a manager', async () => {
    const admin = (await createBearer('admin')).authorization;
    const manager = (await createBearer('manager')).authorization;
    const before = smtp.received.length;
    const res = await call(usersRoute.POST, {
      method: 'POST',
      path: '/api/users',
      auth: admin,
      body: { email: 'Nouveau@Garage.fr', name: 'Nina Nouvelle', role: 'technician' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      user: { email: 'nouveau@garage.fr', status: 'invited', role: 'technician' },
      delivery: 'sent',
    });
    expect(res.body.url).toBeUndefined();
    expect(res.body.user.passwordHash).toBeUndefined();
    expect(smtp.received.length).toBe(before + 1);
    expect(linkInMail(smtp.received.at(-1)!.raw)).toBeTruthy();
    const again = await call(usersRoute.POST, {
      method: 'POST',
      path: '/api/users',
      auth: admin,
      body: { email: 'nouveau@garage.fr', name: 'Doublon', role: 'viewer' },
    });
    expect(again.status).toBe(409);
    const forbidden = await call(usersRoute.GET, { path: '/api/users', auth: manager });
    expect(forbidden.status).toBe(403);
    const list = await call(usersRoute.GET, { path: '/api/users', auth: admin, query: { status: 'invited' } });
    expect(list.body.data.map((u: { email: string }) => u.email)).toContain('nouveau@garage.fr');
  });

  it('POST without SMTP hands the link back to the admin', async () => {
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    resetEnvCache();
    try {
      const res = await call(usersRoute.POST, {
        method: 'POST',
        path: '/api/users',
        auth: (await createBearer('admin')).authorization,
        body: { email: 'sans-smtp@garage.fr', name: 'Sans SMTP', role: 'viewer' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ delivery: 'not_configured' });
      expect(res.body.url).toMatch(/\/set-password#[A-Za-z0-9_-]{43}$/);
    } finally {
      process.env.SMTP_URL = saved;
      resetEnvCache();
    }
  });

  it('PATCH changes the role, deactivates, and refuses to demote the last active admin', async () => {
    const admin = (await createBearer('admin')).authorization;
    const tech = await createUser('technician');
    const patch = (userId: string, body: unknown) =>
      call(userRoute.PATCH, { method: 'PATCH', path: `/api/users/${userId}`, params: { userId }, auth: admin, body });
    expect((await patch(tech.id, { role: 'manager' })).body).toMatchObject({ role: 'manager', status: 'active' });
    expect((await patch(tech.id, { active: false })).body).toMatchObject({ status: 'deactivated' });
    expect((await patch(tech.id, { foo: 1 })).status).toBe(422);
    expect((await patch('not-a-uuid', { name: 'x' })).status).toBe(404);
    const { users } = await import('@/db/schema');
    await getDb().update(users).set({ active: false }).where(eq(users.role, 'admin'));
    const last = await createUser('admin');
    const res = await patch(last.id, { role: 'viewer' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/dernier administrateur actif/);
  });
});
