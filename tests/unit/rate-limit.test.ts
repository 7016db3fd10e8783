import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { RateLimiter } from '@/lib/rate-limit';
import { MemoryRateLimiter } from '@/lib/rate-limit/memory';
import { RedisRateLimiter } from '@/lib/rate-limit/redis';

const redisUrl = process.env.REDIS_URL_TEST ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<boolean> {
  const { Redis } = await import('ioredis');
  const r = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    enableOfflineQueue: false,
  });
  try {
    await r.connect();
    await r.ping();
    return true;
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

function behaves(name: string, make: () => RateLimiter) {
  describe(name, () => {
    it('allows up to the limit in a window, then refuses with a retry delay', async () => {
      const limiter = make();
      const key = `t:${randomUUID()}`;
      for (let i = 1; i <= 3; i++) expect((await limiter.hit(key, 3, 60)).ok).toBe(true);
      const refused = await limiter.hit(key, 3, 60);
      expect(refused.ok).toBe(false);
      expect(refused.count).toBe(4);
      expect(refused.retryAfter).toBeGreaterThan(0);
      expect(refused.retryAfter).toBeLessThanOrEqual(60);
      expect((await limiter.peek(key, 3)).ok).toBe(false);
    });

    it('keeps keys apart and forgets a key on reset', async () => {
      const limiter = make();
      const a = `t:${randomUUID()}`;
      const b = `t:${randomUUID()}`;
      await limiter.hit(a, 1, 60);
      expect((await limiter.hit(a, 1, 60)).ok).toBe(false);
      expect((await limiter.hit(b, 1, 60)).ok).toBe(true);
      await limiter.reset(a);
      expect((await limiter.peek(a, 1)).ok).toBe(true);
    });
  });
}

behaves('MemoryRateLimiter', () => new MemoryRateLimiter());

describe('MemoryRateLimiter windows', () => {
  it('opens a new window when the old one expires', async () => {
    let now = 1_000_000;
    const limiter = new MemoryRateLimiter(() => now);
    await limiter.hit('k', 1, 10);
    expect((await limiter.hit('k', 1, 10)).ok).toBe(false);
    now += 10_001;
    expect((await limiter.hit('k', 1, 10)).ok).toBe(true);
  });
});

const reachable = await redisReachable();
const redisLimiters: RedisRateLimiter[] = [];
afterAll(async () => {
  await Promise.all(redisLimiters.map((l) => l.close()));
});

describe.skipIf(!reachable)(`RedisRateLimiter (${redisUrl})`, () => {
  behaves('RedisRateLimiter', () => {
    const l = new RedisRateLimiter(redisUrl, `c360test:${randomUUID()}:`);
    redisLimiters.push(l);
    return l;
  });

  it('shares counters between two instances (two app servers)', async () => {
    const prefix = `c360test:${randomUUID()}:`;
    const a = new RedisRateLimiter(redisUrl, prefix);
    const b = new RedisRateLimiter(redisUrl, prefix);
    redisLimiters.push(a, b);
    await a.hit('shared', 2, 60);
    await b.hit('shared', 2, 60);
    expect((await a.hit('shared', 2, 60)).ok).toBe(false);
  });
});
