import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Passwords from '@/lib/auth/passwords';
import { handlers } from '@/lib/auth/config';
import { HASH_CONCURRENCY } from '@/lib/auth/passwords';
import { authenticateRequest } from '@/lib/auth/with-auth';
import { resetEnvCache } from '@/lib/env';
import { LIMITS, setRateLimiter } from '@/lib/rate-limit';
import { MemoryRateLimiter } from '@/lib/rate-limit/memory';
import { createBearer, createUser } from '../factories';

/**
 * Sign-in through next-auth's own endpoint (POST /api/auth/callback/credentials, what the login form and
 * an attacker both reach), with the headers npm start's server hands to Next: the client's
 * X-Forwarded-For followed by the TCP peer address (lib/cli/serve.ts). argon2 is observed, not replaced.
 */
const argon2 = vi.hoisted(() => ({ calls: 0, running: 0, peak: 0, delayMs: 0 }));
vi.mock('@/lib/auth/passwords', async (importOriginal) => {
  const real = await importOriginal<typeof Passwords>();
  return {
    ...real,
    verifyPassword: async (hashed: string, password: string) => {
      argon2.calls++;
      argon2.running++;
      argon2.peak = Math.max(argon2.peak, argon2.running);
      try {
        if (argon2.delayMs) await new Promise((r) => setTimeout(r, argon2.delayMs));
        return await real.verifyPassword(hashed, password);
      } finally {
        argon2.running--;
      }
    },
  };
});

const PASSWORD = 'test-password';
const ACCOUNT = LIMITS.loginAccount;
const ADDRESS = LIMITS.loginAddress;
type Outcome = 'ok' | 'invalid' | 'rate_limited';

let csrf: { token: string; cookie: string };

async function signIn(email: string, password: string, from: { peer: string; forged?: string }): Promise<Outcome> {
  const xff = from.forged ? `${from.forged}, ${from.peer}` : from.peer;
  const body = new URLSearchParams({ csrfToken: csrf.token, email, password, callbackUrl: '/customers' });
  const res = await handlers.POST(
    new Request('http://localhost:3000/api/auth/callback/credentials', {
      method: 'POST',
      body,
      headers: { cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': xff },
    }) as never,
  );
  const location = new URL(res.headers.get('location') ?? '', 'http://localhost:3000');
  if (location.searchParams.get('error') === 'CredentialsSignin')
    return location.searchParams.get('code') === 'rate_limited' ? 'rate_limited' : 'invalid';
  expect(res.headers.getSetCookie().some((c) => c.startsWith('authjs.session-token='))).toBe(true);
  return 'ok';
}

const tally = (outcomes: Outcome[]) => ({
  ok: outcomes.filter((o) => o === 'ok').length,
  invalid: outcomes.filter((o) => o === 'invalid').length,
  rate_limited: outcomes.filter((o) => o === 'rate_limited').length,
});

let clock = Date.now();
beforeAll(async () => {
  const res = await handlers.GET(new Request('http://localhost:3000/api/auth/csrf') as never);
  csrf = {
    token: ((await res.json()) as { csrfToken: string }).csrfToken,
    cookie: res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  };
});

beforeEach(() => {
  clock = Date.now();
  setRateLimiter(new MemoryRateLimiter(() => clock));
  argon2.calls = 0;
  argon2.peak = 0;
  argon2.delayMs = 0;
});

describe('per-account limit, whatever the client address', () => {
  it('50 wrong passwords with 50 forged X-Forwarded-For values: limited, and the right one is refused after', async () => {
    const { email } = await createUser('admin');
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 50; i++)
      outcomes.push(await signIn(email, `guess-${i}`, { peer: '198.51.100.7', forged: `203.0.113.${i + 1}` }));
    expect(tally(outcomes)).toEqual({ ok: 0, invalid: ACCOUNT.limit, rate_limited: 50 - ACCOUNT.limit });
    expect(await signIn(email, PASSWORD, { peer: '198.51.100.7', forged: '192.0.2.200' })).toBe('rate_limited');
  });

  it('50 wrong passwords from 50 different sockets (a botnet): limited by the account limit', async () => {
    const { email } = await createUser('manager');
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 50; i++) outcomes.push(await signIn(email, `guess-${i}`, { peer: `198.51.100.${i + 1}` }));
    expect(tally(outcomes)).toEqual({ ok: 0, invalid: ACCOUNT.limit, rate_limited: 50 - ACCOUNT.limit });
    expect(argon2.calls).toBe(ACCOUNT.limit);
    expect(await signIn(email, PASSWORD, { peer: '192.0.2.1' })).toBe('rate_limited');
  });

  it('30 parallel attempts: at most the limit reach argon2, the count is taken before the hash', async () => {
    const { email } = await createUser('viewer');
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(email, `guess-${i}`, { peer: `198.51.100.${i + 1}` })),
    );
    expect(argon2.calls).toBeGreaterThan(0);
    expect(argon2.calls).toBeLessThanOrEqual(ACCOUNT.limit);
    expect(tally(outcomes).invalid).toBe(argon2.calls);
    expect(tally(outcomes).rate_limited).toBe(30 - argon2.calls);
  });

  it('the right password waits for the lock to end; each new lock is longer, never more than the cap', async () => {
    const { email } = await createUser('technician');
    const failAll = async () => {
      for (let i = 0; i < ACCOUNT.limit; i++)
        expect(await signIn(email, 'wrong', { peer: `198.51.100.${i + 1}` })).toBe('invalid');
    };
    await failAll();
    expect(await signIn(email, PASSWORD, { peer: '192.0.2.1' })).toBe('rate_limited');
    clock += ACCOUNT.windowSeconds * 1000 - 5_000;
    expect(await signIn(email, PASSWORD, { peer: '192.0.2.1' })).toBe('rate_limited');
    clock += 6_000;
    // Second lock in the day: twice as long.
    await failAll();
    clock += ACCOUNT.windowSeconds * 1000 + 1_000;
    expect(await signIn(email, PASSWORD, { peer: '192.0.2.2' })).toBe('rate_limited');
    clock += ACCOUNT.windowSeconds * 1000;
    // The success cleared the failures and the lock history: the next lock is the first one again.
    expect(await signIn(email, PASSWORD, { peer: '192.0.2.2' })).toBe('ok');
    // Enough locks to reach the cap and pass it once.
    for (let round = 0; round < Math.log2(ACCOUNT.maxLockSeconds / ACCOUNT.windowSeconds) + 2; round++) {
      await failAll();
      clock += ACCOUNT.maxLockSeconds * 1000 + 1_000;
    }
    // However many locks an attacker triggers, the owner gets in once the capped lock has passed.
    expect(await signIn(email, PASSWORD, { peer: '192.0.2.3' })).toBe('ok');
  });
});

describe('per-address limit on the socket address', () => {
  it('a forged X-Forwarded-For naming a victim does not lock the victim out', async () => {
    const victim = await createUser('manager');
    const victimAddress = '203.0.113.50';
    // The attacker guesses the victim's password just under the account limit, then sprays other accounts,
    // every request claiming to come from the victim's address.
    for (let i = 0; i < ACCOUNT.limit - 1; i++)
      expect(await signIn(victim.email, `guess-${i}`, { peer: '198.51.100.66', forged: victimAddress })).toBe(
        'invalid',
      );
    const sprayed: Outcome[] = [];
    for (let i = 0; i < ADDRESS.limit + 5; i++)
      sprayed.push(
        await signIn(`user${i}@spray.test`, 'Printemps2025!', { peer: '198.51.100.66', forged: victimAddress }),
      );
    expect(tally(sprayed).rate_limited).toBeGreaterThan(0);
    expect(await signIn('other@spray.test', 'x', { peer: '198.51.100.66' })).toBe('rate_limited');
    // The victim, from their real address, still gets in.
    expect(await signIn(victim.email, PASSWORD, { peer: victimAddress })).toBe('ok');
  });

  it("an attacker's own successful sign-ins do not give back their failed attempts", async () => {
    const own = await createUser('technician');
    const outcomes: Outcome[] = [];
    for (let i = 0; i < ADDRESS.limit + 10; i++) {
      outcomes.push(await signIn(`target${i}@spray.test`, 'Azerty123', { peer: '198.51.100.77' }));
      if (i % 3 === 0) await signIn(own.email, PASSWORD, { peer: '198.51.100.77' });
    }
    expect(tally(outcomes).invalid).toBeLessThanOrEqual(ADDRESS.limit);
    expect(tally(outcomes).rate_limited).toBeGreaterThan(0);
  });

  it('successful sign-ins alone never exhaust an address (an office behind one NAT)', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => createUser('viewer')));
    for (let round = 0; round < Math.ceil((ADDRESS.limit + 3) / users.length); round++)
      for (const u of users) expect(await signIn(u.email, PASSWORD, { peer: '192.0.2.10' })).toBe('ok');
  });
});

describe('password hashing is capped', () => {
  it('concurrent argon2 verifications never exceed the cap; the excess is answered "rate limited"', async () => {
    const users = await Promise.all(Array.from({ length: 12 }, () => createUser('viewer')));
    argon2.delayMs = 300;
    const outcomes = await Promise.all(users.map((u, i) => signIn(u.email, 'wrong', { peer: `198.51.100.${i + 1}` })));
    expect(argon2.peak).toBeGreaterThan(0);
    expect(argon2.peak).toBeLessThanOrEqual(HASH_CONCURRENCY);
    expect(tally(outcomes).rate_limited).toBeGreaterThan(0);
    expect(tally(outcomes).rate_limited).toBe(users.length - argon2.calls);
    expect(tally(outcomes).invalid).toBe(argon2.calls);
  });

  it('an ordinary burst (twice the cap at once) waits in the short queue and is served, never refused', async () => {
    const users = await Promise.all(Array.from({ length: HASH_CONCURRENCY * 2 }, () => createUser('viewer')));
    argon2.delayMs = 100;
    const outcomes = await Promise.all(users.map((u, i) => signIn(u.email, PASSWORD, { peer: `203.0.113.${i + 1}` })));
    expect(argon2.peak).toBeLessThanOrEqual(HASH_CONCURRENCY);
    expect(tally(outcomes).ok).toBe(users.length);
  });

  it('an unknown e-mail gets the same answer as a wrong password, after the same argon2 work', async () => {
    const { email } = await createUser('viewer');
    expect(await signIn(email, 'wrong', { peer: '192.0.2.20' })).toBe('invalid');
    expect(argon2.calls).toBe(1);
    expect(await signIn('nobody@nowhere.test', 'wrong', { peer: '192.0.2.21' })).toBe('invalid');
    expect(argon2.calls).toBe(2);
  });
});

describe('one address rule for every recorded address', () => {
  afterEach(() => {
    delete process.env.TRUSTED_PROXIES;
    resetEnvCache();
  });

  it('API actors (consent proof, audit) carry the socket address, not a forged header', async () => {
    const bearer = await createBearer('manager');
    const req = (xff: string) =>
      new Request('http://localhost/api/x', {
        headers: { authorization: bearer.authorization, 'x-forwarded-for': xff },
      });
    expect((await authenticateRequest(req('6.6.6.6, 198.51.100.9')))?.ip).toBe('198.51.100.9');
    process.env.TRUSTED_PROXIES = '1';
    resetEnvCache();
    // Behind one trusted proxy, the entry it appended is the client.
    expect((await authenticateRequest(req('6.6.6.6, 203.0.113.4, 10.0.0.2')))?.ip).toBe('203.0.113.4');
    process.env.TRUSTED_PROXIES = '10.0.0.0/8';
    resetEnvCache();
    expect((await authenticateRequest(req('6.6.6.6, 203.0.113.4, 10.0.0.9, 10.0.0.2')))?.ip).toBe('203.0.113.4');
  });
});
