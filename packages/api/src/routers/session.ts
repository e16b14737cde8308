import { listMemberships } from "@northstar/core";
import { activeMembership, createTRPCRouter, protectedProcedure } from "../trpc";

export const sessionRouter = createTRPCRouter({
  /** The signed-in user, their workspaces and the active one. */
  me: protectedProcedure.query(async ({ ctx }) => {
    const memberships = await listMemberships(ctx.db, ctx.user.id);
    return { user: ctx.user, memberships, active: activeMembership(memberships, ctx.requestedWorkspaceId) };
  }),
});
