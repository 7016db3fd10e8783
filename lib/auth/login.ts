import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { users } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import { addressBucket } from '@/lib/http/forwarded';
import { getRateLimiter, LIMITS, type RateLimiter } from '@/lib/rate-limit';
import { hashPassword, verifyPassword, withHashSlot } from './passwords';

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email('Adresse e-mail invalide.').max(254),
  password: z.string().min(1, 'Mot de passe requis.').max(512),
});

export type LoginResult =
  | { ok: true; user: { id: string; email: string; name: string; role: Role; sessionVersion: number } }
  | { ok: false; reason: 'invalid' | 'rate_limited'; retryAfter?: number };

// Compared against when the email is unknown, so that timing does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;

const INVALID: LoginResult = { ok: false, reason: 'invalid' };
const limited = (retryAfter: number): LoginResult => ({ ok: false, reason: 'rate_limited', retryAfter });

/**
 * Checks credentials under two budgets (README "Security"), both counted before any password is
 * verified, with an atomic increment, so parallel attempts cannot all pass the check:
 * - per client address (`ip` comes from clientIp()), all accounts together, against password spraying;
 *   a success gives its own attempt back and nothing else;
 * - per account, whatever the address: the attempt that uses up the budget and fails locks the account,
 *   each lock within a day twice as long as the previous one, capped. Even the right password waits.
 *   Only a success (the password's owner) clears the account's failures.
 */
export async function verifyLogin(db: Db, input: unknown, ip: string): Promise<LoginResult> {
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) return INVALID;
  const { email, password } = parsed.data;
  const limiter = getRateLimiter();
  const keys = {
    address: `login:address:${addressBucket(ip)}`,
    account: `login:account:${email}`,
    locks: `login:locks:${email}`,
  };
  const A = LIMITS.loginAccount;

  const byAddress = await limiter.hit(keys.address, LIMITS.loginAddress.limit, LIMITS.loginAddress.windowSeconds);
  if (!byAddress.ok) return limited(byAddress.retryAfter);
  const byAccount = await limiter.hit(keys.account, A.limit, A.windowSeconds);
  if (!byAccount.ok) return limited(byAccount.retryAfter);

  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  dummyHash ??= hashPassword('not-a-real-password');
  const hashed = user?.passwordHash ?? (await dummyHash);
  const valid = await withHashSlot(() => verifyPassword(hashed, password));
  if (valid === 'busy') {
    // Never verified: not an attempt, so a flood that fills the slots cannot use up someone's budget.
    await Promise.all([limiter.undo(keys.account), limiter.undo(keys.address)]);
    return limited(1);
  }
  if (!user || !user.active || !valid) {
    if (byAccount.count === A.limit) await lockAccount(limiter, keys);
    return INVALID;
  }
  await Promise.all([limiter.reset(keys.account), limiter.reset(keys.locks), limiter.undo(keys.address)]);
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
  };
}

/** The account's window now ends after the lock: 1×, 2×, 4×… the window, at most maxLockSeconds. */
async function lockAccount(limiter: RateLimiter, keys: { account: string; locks: string }): Promise<void> {
  const A = LIMITS.loginAccount;
  const locks = await limiter.hit(keys.locks, Number.MAX_SAFE_INTEGER, LIMITS.loginLockMemorySeconds);
  const seconds = Math.min(A.windowSeconds * 2 ** Math.min(locks.count - 1, 20), A.maxLockSeconds);
  await limiter.extend(keys.account, seconds);
}
