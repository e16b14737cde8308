/**
 * A token bucket per key, in this process's memory: `burst` calls at once, refilled at `ratePerSecond`. In memory
 * rather than in PostgreSQL because ingestion is the hottest path and a shared counter would add a write (and a
 * contended row per key) to every request; the price is that each web process allows the full rate, so N processes
 * admit up to N times the configured rate. The map holds keys seen recently only, bounded by `maxKeys` (only
 * authenticated write keys reach it, so its size is the number of live keys).
 */
export interface RateLimit {
  ratePerSecond: number;
  burst: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string, now?: number): RateDecision;
}

export function createRateLimiter(limit: RateLimit, maxKeys = 10_000): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, now = Date.now()) {
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at: now };
      const elapsed = Math.max(0, now - bucket.at) / 1000;
      bucket.tokens = Math.min(limit.burst, bucket.tokens + elapsed * limit.ratePerSecond);
      bucket.at = now;
      buckets.delete(key); // most recently used last, so the first is the one to drop when full
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / limit.ratePerSecond)) };
    },
  };
}
