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
 * several app instances share the same limits.
 */
export interface RateLimiter {
  hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult>;
  peek(key: string, limit: number): Promise<RateLimitResult>;
  reset(key: string): Promise<void>;
}

export const LIMITS = {
  /** Failed sign-ins per email+IP before the account is locked for the window. */
  login: { limit: 5, windowSeconds: 15 * 60 },
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
