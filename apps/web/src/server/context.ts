import "server-only";
import type { Context } from "@northstar/api";
import { getDb } from "@northstar/db";
import { cookies } from "next/headers";
import { currentUserId } from "./auth";

export const WORKSPACE_COOKIE = "northstar-workspace";

/** The tRPC context of the current request: session from next-auth, workspace from a cookie. */
export async function createRequestContext(): Promise<Context> {
  const userId = await currentUserId();
  const workspace = (await cookies()).get(WORKSPACE_COOKIE)?.value ?? null;
  return { db: getDb(), session: userId ? { userId } : null, requestedWorkspaceId: workspace };
}
