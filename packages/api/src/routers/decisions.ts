import { CustomerDecisionsInput, customerDecisions, NodeStatsInput, nodeStats } from "@northstar/core";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

/** Why agents decided what they did: per customer, and per agent node over time. */
export const decisionsRouter = createTRPCRouter({
  forCustomer: workspaceProcedure
    .input(CustomerDecisionsInput)
    .query(({ ctx, input }) => customerDecisions(ctx.domain, input)),
  nodeStats: workspaceProcedure.input(NodeStatsInput).query(({ ctx, input }) => nodeStats(ctx.domain, input)),
});
