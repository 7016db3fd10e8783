import { Redis } from 'ioredis';
import type { RateLimiter, RateLimitResult } from './index';

// Each script runs atomically in Redis: concurrent app instances never interleave inside one.
// INCR, and set the expiry on the first hit of a window; return count and remaining TTL.
const HIT = `
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
return {c, ttl}`;

// DECR only a live window: on an expired key, DECR would create a counter at -1 that never expires.
const UNDO = `
local c = tonumber(redis.call('GET', KEYS[1]) or '0')
if c > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

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

  async undo(key: string): Promise<void> {
    await this.redis.eval(UNDO, 1, this.prefix + key);
  }

  async extend(key: string, seconds: number): Promise<void> {
    // PEXPIRE on a missing key does nothing, as wanted.
    await this.redis.pexpire(this.prefix + key, seconds * 1000);
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
