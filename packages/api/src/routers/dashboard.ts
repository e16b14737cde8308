import {
  DashboardFilterInput,
  dashboardOverview,
  JourneyDetailInput,
  journeyBloatDetail,
  listStaleBranches,
  messagePressure,
  PruneBranchInput,
  previewPrune,
  pruneBranch,
  StaleListInput,
} from "@northstar/core";
import { createTRPCRouter, managerProcedure } from "../trpc";

/** The bloat dashboard: managers and admins only, every query scoped to the caller's workspace. */
export const dashboardRouter = createTRPCRouter({
  overview: managerProcedure
    .input(DashboardFilterInput)
    .query(({ ctx, input }) => dashboardOverview(ctx.domain, input)),
  staleBranches: managerProcedure
    .input(StaleListInput)
    .query(({ ctx, input: { limit, ...filter } }) => listStaleBranches(ctx.domain, filter, { limit })),
  pressure: managerProcedure.input(DashboardFilterInput).query(({ ctx, input }) => messagePressure(ctx.domain, input)),
  journey: managerProcedure.input(JourneyDetailInput).query(({ ctx, input }) => journeyBloatDetail(ctx.domain, input)),
  previewPrune: managerProcedure.input(PruneBranchInput).query(async ({ ctx, input }) => {
    // The pruned graph itself is the draft prune will create; the dialog shows the diff, not the whole document.
    const { prunedDefinition: _graph, ...preview } = await previewPrune(ctx.domain, input);
    return preview;
  }),
  prune: managerProcedure.input(PruneBranchInput).mutation(({ ctx, input }) => pruneBranch(ctx.domain, input)),
});
