import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@northstar/db";

export interface SessionPolicy {
  /** Absolute lifetime of a session, from sign-in. */
  maxAgeSeconds: number;
  /** A session unused for this long ends. */
  idleTimeoutSeconds: number;
}

/** lastSeenAt is written at most this often, so a busy page does not update the row on every request. */
const TOUCH_EVERY_MS = 60_000;

/** Records a new session for a user who just signed in; its id goes into the signed session token. */
export async function openSession(
  db: PrismaClient,
  userId: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  // Ended sessions are kept only until the user signs in again, so the table stays the size of the active users.
  await db.authSession.deleteMany({
    where: {
      userId,
      OR: [
        { revokedAt: { not: null } },
        { expiresAt: { lte: now } },
        { lastSeenAt: { lt: new Date(now.getTime() - policy.idleTimeoutSeconds * 1000) } },
      ],
    },
  });
  await db.authSession.create({
    data: {
      id,
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + policy.maxAgeSeconds * 1000),
    },
  });
  return id;
}

export type SessionCheck = { valid: true } | { valid: false; reason: "unknown" | "revoked" | "expired" | "idle" };

/**
 * Whether a session token's session still stands: known, for that user, not signed out, not expired and used within
 * the idle timeout. A valid session's lastSeenAt moves forward (at most once a minute).
 */
export async function checkSession(
  db: PrismaClient,
  session: { sessionId: string; userId: string },
  policy: SessionPolicy,
  now = new Date(),
): Promise<SessionCheck> {
  const row = await db.authSession.findUnique({ where: { id: session.sessionId } });
  if (!row || row.userId !== session.userId) return { valid: false, reason: "unknown" };
  if (row.revokedAt) return { valid: false, reason: "revoked" };
  if (row.expiresAt <= now) return { valid: false, reason: "expired" };
  if (now.getTime() - row.lastSeenAt.getTime() > policy.idleTimeoutSeconds * 1000) {
    return { valid: false, reason: "idle" };
  }
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.authSession.updateMany({ where: { id: row.id, revokedAt: null }, data: { lastSeenAt: now } });
  }
  return { valid: true };
}

/** Sign-out: the session's token is refused from now on, by every process. */
export async function revokeSession(db: PrismaClient, sessionId: string, now = new Date()): Promise<void> {
  await db.authSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

/** Ends every session of a user (a password change or an account locked by an admin). */
export async function revokeUserSessions(db: PrismaClient, userId: string, now = new Date()): Promise<number> {
  const { count } = await db.authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  return count;
}
