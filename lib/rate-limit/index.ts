import { env } from '@/lib/env';
import { MemoryRateLimiter } from './memory';
import { RedisRateLimiter } from './redis';

export interface RateLimitResult {
  ok: boolean;
  /** Hits counted in the current window, this one included. */
  count: number;
  /** Seconds until the window resets. */
  retryAfter: number;
}

/**
 * Fixed-window counters. In memory by default (one instance); Redis when REDIS_URL is set so that
 * several app instances share the same limits. `hit` increments then checks in one atomic step, so a
 * burst of parallel requests cannot all see the same count.
 */
export interface RateLimiter {
  hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult>;
  peek(key: string, limit: number): Promise<RateLimitResult>;
  /** Gives back one hit of the current window (nothing when the window is over). */
  undo(key: string): Promise<void>;
  /** Makes the current window end `seconds` from now (nothing when there is no window). */
  extend(key: string, seconds: number): Promise<void>;
  reset(key: string): Promise<void>;
}

export const LIMITS = {
  /**
   * Sign-in attempts per account, whatever the address. The attempt that reaches the limit and fails locks
   * the account for `windowSeconds`, doubled for each further lock within a day, at most `maxLockSeconds`.
   */
  loginAccount: { limit: 10, windowSeconds: 15 * 60, maxLockSeconds: 60 * 60 },
  /** Sign-in attempts per client address (a success gives its own back), all accounts together. */
  loginAddress: { limit: 30, windowSeconds: 15 * 60 },
  /** How long an account remembers its locks (each one doubles the next). */
  loginLockMemorySeconds: 24 * 60 * 60,
  /** Requests per API token per minute. */
  token: { limit: 600, windowSeconds: 60 },
} as const;

const store = globalThis as unknown as { __c360Limiter?: RateLimiter };

export function getRateLimiter(): RateLimiter {
  if (!store.__c360Limiter) {
    const url = env().REDIS_URL;
    store.__c360Limiter = url ? new RedisRateLimiter(url) : new MemoryRateLimiter();
  }
  return store.__c360Limiter;
}

export function setRateLimiter(limiter: RateLimiter | undefined): void {
  store.__c360Limiter = limiter;
}
