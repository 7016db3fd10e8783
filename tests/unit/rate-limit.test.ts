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

    it('counts a burst of concurrent hits atomically: exactly the limit pass', async () => {
      const limiter = make();
      const key = `t:${randomUUID()}`;
      const results = await Promise.all(Array.from({ length: 60 }, () => limiter.hit(key, 10, 60)));
      expect(results.filter((r) => r.ok)).toHaveLength(10);
      expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    });

    it('undo gives back one hit of a live window and never goes below zero or revives a key', async () => {
      const limiter = make();
      const key = `t:${randomUUID()}`;
      await limiter.hit(key, 2, 60);
      await limiter.hit(key, 2, 60);
      await limiter.undo(key);
      expect((await limiter.hit(key, 2, 60)).count).toBe(2);
      await Promise.all([limiter.undo(key), limiter.undo(key), limiter.undo(key)]);
      expect((await limiter.peek(key, 2)).count).toBe(0);
      const missing = `t:${randomUUID()}`;
      await limiter.undo(missing);
      const fresh = await limiter.hit(missing, 2, 60);
      expect(fresh.count).toBe(1);
      expect(fresh.retryAfter).toBeLessThanOrEqual(60);
    });

    it('extend moves the end of a live window and does not create one', async () => {
      const limiter = make();
      const key = `t:${randomUUID()}`;
      await limiter.hit(key, 1, 60);
      await limiter.extend(key, 3600);
      const later = await limiter.hit(key, 1, 60);
      expect(later.ok).toBe(false);
      expect(later.retryAfter).toBeGreaterThan(3590);
      const missing = `t:${randomUUID()}`;
      await limiter.extend(missing, 3600);
      expect((await limiter.peek(missing, 1)).count).toBe(0);
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

  it('an extended window ends when extended to, not before', async () => {
    let now = 1_000_000;
    const limiter = new MemoryRateLimiter(() => now);
    await limiter.hit('k', 1, 10);
    await limiter.extend('k', 100);
    now += 99_000;
    expect((await limiter.hit('k', 1, 10)).ok).toBe(false);
    now += 1_001;
    expect((await limiter.hit('k', 1, 10)).ok).toBe(true);
    // An undo after the window ended is a no-op, not a negative count.
    now += 10_001;
    await limiter.undo('k');
    expect((await limiter.hit('k', 1, 10)).count).toBe(1);
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

  it('two instances hitting one key concurrently: exactly the limit pass', async () => {
    const prefix = `c360test:${randomUUID()}:`;
    const a = new RedisRateLimiter(redisUrl, prefix);
    const b = new RedisRateLimiter(redisUrl, prefix);
    redisLimiters.push(a, b);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).hit('burst', 10, 60)));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(new Set(results.map((r) => r.count)).size).toBe(40);
  });

  it('an undo on an expired key leaves no counter behind', async () => {
    const prefix = `c360test:${randomUUID()}:`;
    const l = new RedisRateLimiter(redisUrl, prefix);
    redisLimiters.push(l);
    await l.undo('gone');
    const { Redis } = await import('ioredis');
    const raw = new Redis(redisUrl);
    try {
      expect(await raw.exists(`${prefix}gone`)).toBe(0);
    } finally {
      raw.disconnect();
    }
  });
});
