import { Redis } from 'ioredis';
import type { RateLimiter, RateLimitResult } from './index';

// INCR and set the expiry on the first hit atomically, return count and remaining TTL.
const HIT = `
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
return {c, ttl}`;

export class RedisRateLimiter implements RateLimiter {
  private redis: Redis;

  constructor(
    url: string,
    private prefix = 'c360:rl:',
  ) {
    this.redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  }

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    const [count, ttl] = (await this.redis.eval(HIT, 1, this.prefix + key, windowSeconds * 1000)) as [number, number];
    return { ok: count <= limit, count, retryAfter: Math.max(1, Math.ceil(ttl / 1000)) };
  }

  async peek(key: string, limit: number): Promise<RateLimitResult> {
    const [count, ttl] = await Promise.all([this.redis.get(this.prefix + key), this.redis.pttl(this.prefix + key)]);
    const n = Number(count ?? 0);
    return { ok: n < limit, count: n, retryAfter: ttl > 0 ? Math.ceil(ttl / 1000) : 0 };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
