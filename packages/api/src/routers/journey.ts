import {
  CreateJourneyInput,
  createJourney,
  exportVersion,
  getJourney,
  importJourneyFile,
  ListJourneysInput,
  listJourneys,
  setJourneyStatus,
  updateJourneyDetails,
} from "@northstar/core";
import { z } from "zod";
import { createTRPCRouter, managerProcedure, workspaceProcedure } from "../trpc";

const journeyId = z.object({ journeyId: z.string().min(1) });

export const journeyRouter = createTRPCRouter({
  list: workspaceProcedure.input(ListJourneysInput).query(({ ctx, input }) => listJourneys(ctx.domain, input)),
  get: workspaceProcedure.input(journeyId).query(({ ctx, input }) => getJourney(ctx.domain, input.journeyId)),
  create: workspaceProcedure.input(CreateJourneyInput).mutation(({ ctx, input }) => createJourney(ctx.domain, input)),
  update: workspaceProcedure
    .input(
      journeyId.extend({
        name: z.string().optional(),
        description: z.string().optional(),
        tags: z.array(z.string()).optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateJourneyDetails(ctx.domain, input)),
  archive: managerProcedure
    .input(journeyId)
    .mutation(({ ctx, input }) => setJourneyStatus(ctx.domain, input.journeyId, "ARCHIVED")),
  export: workspaceProcedure
    .input(z.object({ versionId: z.string().min(1) }))
    .query(({ ctx, input }) => exportVersion(ctx.domain, input.versionId)),
  import: workspaceProcedure
    .input(
      z.object({
        content: z.string().min(1, "is empty").max(1_500_000, "is larger than 1.5 MB"),
        objectiveId: z.string().min(1, "choose the objective this journey must move"),
        name: z.string().trim().min(1).max(120).optional(),
      }),
    )
    .mutation(({ ctx, input }) => importJourneyFile(ctx.domain, input)),
});
