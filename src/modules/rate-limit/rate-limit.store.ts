import Redis from 'ioredis';

export interface WindowCount {
  /** requests counted in the current window, this one included */
  count: number;
  /** milliseconds until the window resets */
  resetInMs: number;
}

/** Fixed-window counters, per bucket. */
export interface RateLimitStore {
  hit(bucket: string, windowMs: number): Promise<WindowCount>;
  close(): Promise<void>;
}

/** One instance: counters in this process. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  hit(bucket: string, windowMs: number): Promise<WindowCount> {
    const now = Date.now();
    let window = this.windows.get(bucket);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(bucket, window);
    }
    window.count++;
    return Promise.resolve({ count: window.count, resetInMs: window.resetAt - now });
  }

  close(): Promise<void> {
    clearInterval(this.sweeper);
    return Promise.resolve();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [bucket, window] of this.windows) if (window.resetAt <= now) this.windows.delete(bucket);
  }
}

/** Several instances: counters shared through Redis (INCR + PEXPIRE NX, one round trip). */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  }

  async hit(bucket: string, windowMs: number): Promise<WindowCount> {
    const key = `hrd:ratelimit:${bucket}`;
    const results = await this.redis.multi().incr(key).pexpire(key, windowMs, 'NX').pttl(key).exec();
    if (!results || results.some(([error]) => error)) throw new Error('rate-limit counter unavailable');
    const count = results[0][1] as number;
    const ttl = results[2][1] as number;
    return { count, resetInMs: ttl > 0 ? ttl : windowMs };
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
