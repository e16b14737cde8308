import type { PrismaClient } from "@northstar/db";
import { type AuthenticatedUser, authenticate, CredentialsSchema } from "./authenticate";
import { clearCounter, hitCounter, lockCounter, lockedUntil, pruneCounters, secondsUntil } from "./rate-limit";

/**
 * Failed sign-ins allowed per account and per client address within the window before a lockout. The first lockout
 * lasts a minute; each further one (within a day) doubles, up to an hour. A correct password during a lockout is
 * refused too: otherwise the lockout would not slow down guessing.
 */
export const SIGN_IN_LIMITS = {
  windowSeconds: 15 * 60,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 20,
  firstLockoutSeconds: 60,
  maxLockoutSeconds: 60 * 60,
} as const;

export class SignInLockedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many sign-in attempts. Try again in ${describeWait(retryAfterSeconds)}.`);
    this.name = "SignInLockedError";
  }
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export function lockoutSeconds(previousLockouts: number): number {
  return Math.min(SIGN_IN_LIMITS.firstLockoutSeconds * 2 ** previousLockouts, SIGN_IN_LIMITS.maxLockoutSeconds);
}

const accountKey = (email: string) => `sign-in:account:${email}`;
const addressKey = (address: string) => `sign-in:address:${address}`;

export interface SignInAttempt {
  credentials: unknown;
  /** The client's address as the server sees it; null when unknown (then only the account is counted). */
  address: string | null;
}

/**
 * Password sign-in with lockout: refuses (SignInLockedError) while the account or the address is locked, counts each
 * failure against both, and clears the account's count on success. Null for wrong credentials, as authenticate.
 */
export async function signInWithPassword(
  db: PrismaClient,
  attempt: SignInAttempt,
  now = new Date(),
): Promise<AuthenticatedUser | null> {
  const parsed = CredentialsSchema.safeParse(attempt.credentials);
  const keys: { key: string; max: number }[] = [];
  if (parsed.success) keys.push({ key: accountKey(parsed.data.email), max: SIGN_IN_LIMITS.maxFailuresPerAccount });
  if (attempt.address) keys.push({ key: addressKey(attempt.address), max: SIGN_IN_LIMITS.maxFailuresPerAddress });

  const locked = await lockedUntil(
    db,
    keys.map((k) => k.key),
    now,
  );
  if (locked) throw new SignInLockedError(secondsUntil(locked, now));

  const user = await authenticate(db, attempt.credentials);
  if (user) {
    if (parsed.success) await clearCounter(db, accountKey(parsed.data.email));
    // Sign-ins are rare enough to carry the housekeeping.
    await pruneCounters(db, now);
    return user;
  }
  let lockEnd: Date | null = null;
  for (const { key, max } of keys) {
    const state = await hitCounter(db, key, SIGN_IN_LIMITS.windowSeconds, now);
    if (state.count >= max) {
      const until = new Date(now.getTime() + lockoutSeconds(state.lockouts) * 1000);
      await lockCounter(db, key, until, now);
      if (!lockEnd || until > lockEnd) lockEnd = until;
    }
  }
  // The attempt that reaches the limit already says so, rather than "wrong password" one more time.
  if (lockEnd) throw new SignInLockedError(secondsUntil(lockEnd, now));
  return null;
}

/** The client address of a sign-in request: the first X-Forwarded-For entry (the proxy in front, or Next itself). */
export function clientAddress(headers: Record<string, unknown> | Headers | undefined): string | null {
  if (!headers) return null;
  const read = (name: string) =>
    headers instanceof Headers ? headers.get(name) : (headers[name] as string | string[] | undefined);
  const raw = read("x-forwarded-for") ?? read("x-real-ip");
  const value = Array.isArray(raw) ? raw[0] : raw;
  const first = value?.split(",")[0]?.trim();
  return first ? first.slice(0, 100) : null;
}
