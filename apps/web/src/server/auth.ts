import "server-only";
import { createAuthOptions } from "@northstar/auth";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";

let options: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  options ??= createAuthOptions();
  return options;
}

/** The signed-in user's id, or null when there is no valid session (missing, tampered or expired). */
export async function currentUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ?? null;
}
