import { listMemberships } from "@northstar/core";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const sessionRouter = createTRPCRouter({
  /** The signed-in user, their workspaces and the active one. */
  me: protectedProcedure.query(async ({ ctx }) => {
    const memberships = await listMemberships(ctx.db, ctx.user.id);
    const active = memberships.find((m) => m.workspaceId === ctx.requestedWorkspaceId) ?? memberships[0] ?? null;
    return { user: ctx.user, memberships, active };
  }),
});
