import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { users } from '@/db/schema';
import type { Role } from '@/db/schema/auth';
import { getRateLimiter, LIMITS } from '@/lib/rate-limit';
import { hashPassword, verifyPassword } from './passwords';

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email('Adresse e-mail invalide.').max(254),
  password: z.string().min(1, 'Mot de passe requis.').max(512),
});

export type LoginResult =
  | { ok: true; user: { id: string; email: string; name: string; role: Role } }
  | { ok: false; reason: 'invalid' | 'rate_limited'; retryAfter?: number };

// Compared against when the email is unknown, so that timing does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;

/**
 * Checks credentials with a per email+IP failure budget: past LIMITS.login failures in the
 * window, even the right password is refused until the window ends.
 */
export async function verifyLogin(db: Db, input: unknown, ip: string): Promise<LoginResult> {
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const { email, password } = parsed.data;
  const limiter = getRateLimiter();
  const key = `login:${email}:${ip}`;
  const state = await limiter.peek(key, LIMITS.login.limit);
  if (!state.ok) return { ok: false, reason: 'rate_limited', retryAfter: state.retryAfter };

  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  dummyHash ??= hashPassword('not-a-real-password');
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !user.active || !valid) {
    const hit = await limiter.hit(key, LIMITS.login.limit, LIMITS.login.windowSeconds);
    return hit.ok
      ? { ok: false, reason: 'invalid' }
      : { ok: false, reason: 'rate_limited', retryAfter: hit.retryAfter };
  }
  await limiter.reset(key);
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
