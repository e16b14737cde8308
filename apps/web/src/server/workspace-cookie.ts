import "server-only";
import type { Context } from "@northstar/api";
import { WORKSPACE_COOKIE } from "./context";

/**
 * The Set-Cookie that drops a workspace cookie naming a workspace the signed-in user is not a member of (left,
 * removed, or forged). Requests already fall back to the user's own workspace; this stops the cookie from being sent
 * again. Null when the cookie is absent, unsigned-in, or fine.
 */
export async function staleWorkspaceCookie(context: Context): Promise<string | null> {
  const workspaceId = context.requestedWorkspaceId;
  const userId = context.session?.userId;
  if (!workspaceId || !userId) return null;
  const membership = await context.db.membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    select: { id: true },
  });
  return membership ? null : `${WORKSPACE_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly`;
}
