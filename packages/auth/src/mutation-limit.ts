import type { PrismaClient } from "@northstar/db";
import { env } from "@northstar/env";
import { hitCounter, secondsUntil } from "./rate-limit";

const WINDOW_SECONDS = 60;

export type MutationAllowance = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one change (tRPC mutation) by a user against MUTATION_RATE_LIMIT_PER_MINUTE, shared by every web process.
 * The default is generous: it stops a runaway script or a stuck client, not a person editing a journey.
 */
export async function countMutation(
  db: PrismaClient,
  userId: string,
  options: { limit?: number; now?: Date } = {},
): Promise<MutationAllowance> {
  const limit = options.limit ?? env().MUTATION_RATE_LIMIT_PER_MINUTE;
  const now = options.now ?? new Date();
  const state = await hitCounter(db, `mutations:user:${userId}`, WINDOW_SECONDS, now);
  if (state.count <= limit) return { allowed: true };
  const windowEnd = new Date(state.windowStart.getTime() + WINDOW_SECONDS * 1000);
  return { allowed: false, retryAfterSeconds: secondsUntil(windowEnd, now) };
}
