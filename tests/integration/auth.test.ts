import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { apiTokens } from '@/db/schema';
import { verifyLogin } from '@/lib/auth/login';
import { authenticateToken, createApiToken, revokeApiToken, TOKEN_CACHE_MS } from '@/lib/auth/tokens';
import { withAuth } from '@/lib/auth/with-auth';
import { authSecret } from '@/lib/env';
import { json } from '@/lib/http/responses';
import { LIMITS } from '@/lib/rate-limit';
import { createBearer, createUser } from '../factories';
import { call } from '../factories/http';

const route = { method: 'get', path: '/api/test', summary: 'test', tag: 'test', responses: [] } as const;
const echo = withAuth({ ...route, permission: 'customer.read' }, async ({ actor }) =>
  json({ kind: actor.kind, role: actor.role, name: actor.name }),
);
const adminOnly = withAuth({ ...route, permission: 'admin' }, async () => json({ ok: true }));

describe('verifyLogin', () => {
  let email: string;
  beforeAll(async () => {
    email = (await createUser('manager')).email;
  });

  it('accepts the right password, case-insensitively on the email', async () => {
    const result = await verifyLogin(getDb(), { email: email.toUpperCase(), password: 'test-password' }, '10.0.0.1');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.user.role).toBe('manager');
  });

  it('refuses a wrong password and an unknown email the same way', async () => {
    expect(await verifyLogin(getDb(), { email, password: 'nope' }, '10.0.0.2')).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await verifyLogin(getDb(), { email: 'ghost@test.local', password: 'nope' }, '10.0.0.2')).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await verifyLogin(getDb(), { email: 'not-an-email', password: 'x' }, '10.0.0.2')).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it(`locks the account after ${LIMITS.loginAccount.limit} failures from any addresses, even for the right password`, async () => {
    const locked = (await createUser('manager')).email;
    for (let i = 0; i < LIMITS.loginAccount.limit; i++) {
      const result = await verifyLogin(getDb(), { email: locked, password: 'wrong' }, `10.0.1.${i}`);
      expect(result).toEqual({ ok: false, reason: 'invalid' });
    }
    const right = await verifyLogin(getDb(), { email: locked, password: 'test-password' }, '10.0.0.4');
    expect(right).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect((right as { retryAfter: number }).retryAfter).toBeGreaterThan(LIMITS.loginAccount.windowSeconds - 60);
    // Another account from the same addresses is not affected.
    expect((await verifyLogin(getDb(), { email, password: 'test-password' }, '10.0.1.0')).ok).toBe(true);
  });

  it('refuses a deactivated user', async () => {
    const user = await createUser('viewer', { active: false });
    expect((await verifyLogin(getDb(), { email: user.email, password: 'test-password' }, '10.0.0.5')).ok).toBe(false);
  });
});

describe('API tokens', () => {
  it('stores only a hash and authenticates the clear token', async () => {
    const { id, token } = await createApiToken(getDb(), { name: 'erp', role: 'technician' });
    const [row] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row.hash).not.toContain(token);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    const actor = await authenticateToken(getDb(), token);
    expect(actor).toMatchObject({ kind: 'token', id, role: 'technician' });
    const [after] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(after.lastUsedAt).toBeInstanceOf(Date);
  });

  it('refuses revoked, expired and unknown tokens', async () => {
    const revoked = await createApiToken(getDb(), { name: 'old', role: 'admin' });
    await revokeApiToken(getDb(), revoked.id);
    expect(await authenticateToken(getDb(), revoked.token)).toBeNull();
    const expired = await createApiToken(getDb(), {
      name: 'exp',
      role: 'admin',
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await authenticateToken(getDb(), expired.token)).toBeNull();
    expect(await authenticateToken(getDb(), 'c360_unknown')).toBeNull();
  });

  it('a token verified a moment ago is refused as soon as it is revoked in this process', async () => {
    const token = await createApiToken(getDb(), { name: 'cached', role: 'manager' });
    expect(await authenticateToken(getDb(), token.token)).toMatchObject({ id: token.id });
    await revokeApiToken(getDb(), token.id);
    expect(await authenticateToken(getDb(), token.token)).toBeNull();
  });

  it('revoked by another instance: accepted at most TOKEN_CACHE_MS, and an expiry is checked on every request', async () => {
    const token = await createApiToken(getDb(), {
      name: 'elsewhere',
      role: 'viewer',
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect(await authenticateToken(getDb(), token.token)).not.toBeNull();
    // Another instance revokes it: this process still holds the verified token for a few seconds.
    await getDb().update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, token.id));
    expect(await authenticateToken(getDb(), token.token)).not.toBeNull();
    const now = Date.now();
    const spy = vi.spyOn(Date, 'now').mockReturnValue(now + TOKEN_CACHE_MS + 1);
    try {
      expect(await authenticateToken(getDb(), token.token)).toBeNull();
    } finally {
      spy.mockRestore();
    }
    const soon = await createApiToken(getDb(), {
      name: 'soon',
      role: 'viewer',
      expiresAt: new Date(Date.now() + 1_500),
    });
    expect(await authenticateToken(getDb(), soon.token)).not.toBeNull();
    await new Promise((r) => setTimeout(r, 1_600));
    expect(await authenticateToken(getDb(), soon.token)).toBeNull();
  });
});

describe('withAuth', () => {
  it('401 anonymous, 401 malformed or unknown bearer, with the error shape', async () => {
    for (const auth of [undefined, 'Basic abc', 'Bearer', 'Bearer c360_nope']) {
      const res = await call(echo, { auth });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
      expect(typeof res.body.error.message).toBe('string');
    }
  });

  it('403 when the role lacks the permission, 200 when it has it', async () => {
    const viewer = await createBearer('viewer');
    expect((await call(adminOnly, { auth: viewer.authorization })).status).toBe(403);
    const admin = await createBearer('admin');
    expect((await call(adminOnly, { auth: admin.authorization })).status).toBe(200);
    expect((await call(echo, { auth: viewer.authorization })).body).toMatchObject({ kind: 'token', role: 'viewer' });
  });

  it('401 for an expired token', async () => {
    const expired = await createBearer('admin', { expiresAt: new Date(Date.now() - 1) });
    expect((await call(echo, { auth: expired.authorization })).status).toBe(401);
  });

  it('authenticates a next-auth session cookie and uses the role stored in the database', async () => {
    const user = await createUser('technician');
    const cookieName = 'authjs.session-token';
    const jwt = await encode({ token: { uid: user.id, role: 'admin' }, secret: authSecret(), salt: cookieName });
    const res = await call(echo, { headers: { cookie: `${cookieName}=${jwt}` } });
    expect(res.status).toBe(200);
    // The forged 'admin' claim does not matter: the role comes from the users table.
    expect(res.body).toMatchObject({ kind: 'user', role: 'technician' });
    const forged = await encode({
      token: { uid: user.id },
      secret: 'another-secret-another-secret-123',
      salt: cookieName,
    });
    expect((await call(echo, { headers: { cookie: `${cookieName}=${forged}` } })).status).toBe(401);
  });

  it(`429 with Retry-After past ${LIMITS.token.limit} requests a minute for one token`, async () => {
    const bearer = await createBearer('viewer');
    let last = await call(echo, { auth: bearer.authorization });
    for (let i = 1; i <= LIMITS.token.limit && last.status === 200; i++)
      last = await call(echo, { auth: bearer.authorization });
    expect(last.status).toBe(429);
    expect(last.body.error.code).toBe('rate_limited');
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
