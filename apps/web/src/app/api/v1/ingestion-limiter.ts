import { createRateLimiter, type RateLimiter } from "@northstar/core";
import { env } from "@northstar/env";

let limiter: RateLimiter | undefined;

/** The one per-write-key rate limiter of this process, shared by track, identify and batch. */
export function ingestionLimiter(): RateLimiter {
  limiter ??= createRateLimiter({ ratePerSecond: env().INGESTION_RATE_PER_SECOND, burst: env().INGESTION_RATE_BURST });
  return limiter;
}
