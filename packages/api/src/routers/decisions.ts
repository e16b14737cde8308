import {
  CustomerDecisionsInput,
  customerDecisions,
  journeyUplift,
  NodeStatsInput,
  nodeOfflineEvaluation,
  nodeStats,
  OfflineEvaluationInput,
  UpliftInput,
} from "@northstar/core";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

/** Why agents decided what they did: per customer, and per agent node over time. */
export const decisionsRouter = createTRPCRouter({
  forCustomer: workspaceProcedure
    .input(CustomerDecisionsInput)
    .query(({ ctx, input }) => customerDecisions(ctx.domain, input)),
  nodeStats: workspaceProcedure.input(NodeStatsInput).query(({ ctx, input }) => nodeStats(ctx.domain, input)),
  uplift: workspaceProcedure.input(UpliftInput).query(({ ctx, input }) => journeyUplift(ctx.domain, input)),
  offlineEvaluation: workspaceProcedure
    .input(OfflineEvaluationInput)
    .query(({ ctx, input }) => nodeOfflineEvaluation(ctx.domain, input)),
});
