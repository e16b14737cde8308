import { createObjective, getObjective, listObjectives, ObjectiveInputSchema } from "@northstar/core";
import { z } from "zod";
import { adminProcedure, createTRPCRouter, workspaceProcedure } from "../trpc";

export const objectiveRouter = createTRPCRouter({
  list: workspaceProcedure
    .input(z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }))
    .query(({ ctx, input }) => listObjectives(ctx.domain, input)),
  get: workspaceProcedure
    .input(z.object({ id: z.string().min(1) }))
    .query(({ ctx, input }) => getObjective(ctx.domain, input.id)),
  create: adminProcedure.input(ObjectiveInputSchema).mutation(({ ctx, input }) => createObjective(ctx.domain, input)),
});
