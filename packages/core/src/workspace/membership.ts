import type { PrismaClient, Role } from "@northstar/db";
import type { DomainContext } from "./scope";

export interface MembershipView {
  workspaceId: string;
  workspaceName: string;
  workspaceSlug: string;
  role: Role;
}

/** All workspaces a user belongs to, oldest membership first (the default workspace). */
export async function listMemberships(db: PrismaClient, userId: string): Promise<MembershipView[]> {
  const rows = await db.membership.findMany({
    where: { userId },
    include: { workspace: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({
    workspaceId: m.workspaceId,
    workspaceName: m.workspace.name,
    workspaceSlug: m.workspace.slug,
    role: m.role,
  }));
}

export async function listMembers(ctx: DomainContext) {
  const rows = await ctx.db.membership.findMany({
    where: { workspaceId: ctx.actor.workspaceId },
    include: { user: { select: { id: true, email: true, name: true } } },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
  });
  return rows.map((m) => ({ userId: m.user.id, email: m.user.email, name: m.user.name, role: m.role }));
}
