import {
  createObjective,
  getObjective,
  listObjectives,
  ObjectiveInputSchema,
  setObjectiveArchived,
  updateObjective,
} from "@northstar/core";
import { z } from "zod";
import { adminProcedure, createTRPCRouter, workspaceProcedure } from "../trpc";

const idInput = z.object({ id: z.string().min(1) });

export const objectiveRouter = createTRPCRouter({
  list: workspaceProcedure
    .input(z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }))
    .query(({ ctx, input }) => listObjectives(ctx.domain, input)),
  get: workspaceProcedure.input(idInput).query(({ ctx, input }) => getObjective(ctx.domain, input.id)),
  create: adminProcedure.input(ObjectiveInputSchema).mutation(({ ctx, input }) => createObjective(ctx.domain, input)),
  update: adminProcedure
    .input(z.object({ id: z.string().min(1), objective: ObjectiveInputSchema }))
    .mutation(({ ctx, input }) => updateObjective(ctx.domain, input.id, input.objective)),
  archive: adminProcedure
    .input(z.object({ id: z.string().min(1), archived: z.boolean().default(true) }))
    .mutation(({ ctx, input }) => setObjectiveArchived(ctx.domain, input.id, input.archived)),
});
