import "server-only";
import { checkSession, createAuthOptions, sessionPolicy } from "@northstar/auth";
import { getDb } from "@northstar/db";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import { cache } from "react";

let options: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  options ??= createAuthOptions();
  return options;
}

/**
 * The signed-in user's id, or null when there is no valid session: the token is missing, tampered or expired, or
 * its server-side session was signed out, timed out idle or never existed. Every page and tRPC request goes through
 * here, so revocation takes effect on the next request.
 */
export const currentUserId = cache(async (): Promise<string | null> => {
  const session = await getServerSession(authOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  const sessionId = (session as { sessionId?: string } | null)?.sessionId;
  if (!userId || !sessionId) return null;
  const check = await checkSession(getDb(), { sessionId, userId }, sessionPolicy());
  return check.valid ? userId : null;
});
