import type { RateLimiter, RateLimitResult } from './index';

/** One process: the map is only touched synchronously, so each hit is atomic. */
export class MemoryRateLimiter implements RateLimiter {
  private windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private now: () => number = Date.now) {}

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    const now = this.now();
    let w = this.current(key, now);
    if (!w) {
      w = { count: 0, resetAt: now + windowSeconds * 1000 };
      this.windows.set(key, w);
      // Keep the map bounded: drop expired windows now and then.
      if (this.windows.size > 10_000) this.sweep(now);
    }
    w.count++;
    return { ok: w.count <= limit, count: w.count, retryAfter: Math.ceil((w.resetAt - now) / 1000) };
  }

  async peek(key: string, limit: number): Promise<RateLimitResult> {
    const now = this.now();
    const w = this.current(key, now);
    if (!w) return { ok: true, count: 0, retryAfter: 0 };
    return { ok: w.count < limit, count: w.count, retryAfter: Math.ceil((w.resetAt - now) / 1000) };
  }

  async undo(key: string): Promise<void> {
    const w = this.current(key, this.now());
    if (w && w.count > 0) w.count--;
  }

  async extend(key: string, seconds: number): Promise<void> {
    const now = this.now();
    const w = this.current(key, now);
    if (w) w.resetAt = now + seconds * 1000;
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  private current(key: string, now: number) {
    const w = this.windows.get(key);
    return w && w.resetAt > now ? w : undefined;
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}
