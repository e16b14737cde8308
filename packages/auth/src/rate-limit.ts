import type { PrismaClient } from "@northstar/db";

export interface CounterState {
  /** Hits in the current window, this one included. */
  count: number;
  windowStart: Date;
  lockedUntil: Date | null;
  lockouts: number;
}

/** Lockouts are forgotten after a day without one. */
const LOCKOUT_MEMORY_MS = 24 * 60 * 60 * 1000;

/**
 * Counts one hit on `key` in a fixed window of `windowSeconds`, in one statement so that concurrent web processes
 * never lose a hit. A window that has ended starts again at 1.
 */
export async function hitCounter(
  db: PrismaClient,
  key: string,
  windowSeconds: number,
  now = new Date(),
): Promise<CounterState> {
  const windowFloor = new Date(now.getTime() - windowSeconds * 1000);
  const forgetLockoutsBefore = new Date(now.getTime() - LOCKOUT_MEMORY_MS);
  const rows = await db.$queryRaw<CounterState[]>`
    INSERT INTO "RateLimitCounter" ("key", "count", "windowStart", "updatedAt")
    VALUES (${key}, 1, ${now}::timestamp(3), ${now}::timestamp(3))
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitCounter"."windowStart" <= ${windowFloor}::timestamp(3) THEN 1
                     ELSE "RateLimitCounter"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitCounter"."windowStart" <= ${windowFloor}::timestamp(3)
                           THEN ${now}::timestamp(3) ELSE "RateLimitCounter"."windowStart" END,
      "lockouts" = CASE WHEN "RateLimitCounter"."lockedUntil" IS NULL
                          OR "RateLimitCounter"."lockedUntil" <= ${forgetLockoutsBefore}::timestamp(3)
                        THEN 0 ELSE "RateLimitCounter"."lockouts" END,
      "updatedAt" = ${now}::timestamp(3)
    RETURNING "count", "windowStart", "lockedUntil", "lockouts"`;
  const row = rows[0];
  if (!row) throw new Error(`rate limit counter ${key} was not written`);
  return row;
}

/** Locks `key` until `until`, counting one more lockout and starting a fresh window. */
export async function lockCounter(db: PrismaClient, key: string, until: Date, now = new Date()): Promise<void> {
  await db.rateLimitCounter.update({
    where: { key },
    data: { lockedUntil: until, lockouts: { increment: 1 }, count: 0, windowStart: now, updatedAt: now },
  });
}

/** The latest lock end among `keys` that is still in the future, or null. */
export async function lockedUntil(db: PrismaClient, keys: string[], now = new Date()): Promise<Date | null> {
  const rows = await db.rateLimitCounter.findMany({
    where: { key: { in: keys }, lockedUntil: { gt: now } },
    select: { lockedUntil: true },
  });
  const ends = rows.flatMap((r) => (r.lockedUntil ? [r.lockedUntil.getTime()] : []));
  return ends.length ? new Date(Math.max(...ends)) : null;
}

/**
 * Drops counters nobody has hit for a day and that hold no lock: their window has ended and their lockouts are
 * forgotten anyway, so the table keeps only what still matters (guessing with ever new emails would otherwise grow it).
 */
export async function pruneCounters(db: PrismaClient, now = new Date()): Promise<number> {
  const dayAgo = new Date(now.getTime() - LOCKOUT_MEMORY_MS);
  const { count } = await db.rateLimitCounter.deleteMany({
    where: { updatedAt: { lt: dayAgo }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
  });
  return count;
}

export async function clearCounter(db: PrismaClient, key: string): Promise<void> {
  await db.rateLimitCounter.deleteMany({ where: { key } });
}

/** Seconds from `now` until `date`, rounded up, at least 1: what a Retry-After or a message says. */
export function secondsUntil(date: Date, now = new Date()): number {
  return Math.max(1, Math.ceil((date.getTime() - now.getTime()) / 1000));
}
