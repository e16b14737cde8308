import { listMembers } from "@northstar/core";
import { createTRPCRouter, managerProcedure } from "../trpc";

export const workspaceRouter = createTRPCRouter({
  members: managerProcedure.query(({ ctx }) => listMembers(ctx.domain)),
});
