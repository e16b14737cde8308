import {
  CustomerDecisionsInput,
  customerDecisions,
  journeyUplift,
  LearnableTraitsInput,
  learnableTraits,
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
  /** The traits an agent node can learn from, for the inspector's "Learns from" setting. */
  learnableTraits: workspaceProcedure
    .input(LearnableTraitsInput)
    .query(({ ctx, input }) => learnableTraits(ctx.domain, input)),
  offlineEvaluation: workspaceProcedure
    .input(OfflineEvaluationInput)
    .query(({ ctx, input }) => nodeOfflineEvaluation(ctx.domain, input)),
});
