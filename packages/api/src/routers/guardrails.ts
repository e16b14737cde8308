import {
  getGlobalGuardrails,
  getJourneyGuardrails,
  getModelDataPolicy,
  modelDataPolicySchema,
  updateGlobalGuardrails,
  updateJourneyGuardrails,
  updateModelDataPolicy,
} from "@northstar/core";
import { guardrailsOverrideSchema, guardrailsSchema } from "@northstar/journey";
import { z } from "zod";
import { adminProcedure, createTRPCRouter, workspaceProcedure } from "../trpc";

const journeyInput = z.object({ journeyId: z.string().min(1) });

/** Members read the guardrails they work under; only admins change them. */
export const guardrailsRouter = createTRPCRouter({
  global: workspaceProcedure.query(({ ctx }) => getGlobalGuardrails(ctx.domain)),
  updateGlobal: adminProcedure
    .input(guardrailsSchema)
    .mutation(({ ctx, input }) => updateGlobalGuardrails(ctx.domain, input)),
  journey: workspaceProcedure
    .input(journeyInput)
    .query(({ ctx, input }) => getJourneyGuardrails(ctx.domain, input.journeyId)),
  updateJourney: adminProcedure
    .input(journeyInput.extend({ override: guardrailsOverrideSchema }))
    .mutation(({ ctx, input }) => updateJourneyGuardrails(ctx.domain, input.journeyId, input.override)),
  /** What models may see of customers (none, an allow-list, all but personal traits; the first name in briefs). */
  modelDataPolicy: workspaceProcedure.query(({ ctx }) => getModelDataPolicy(ctx.domain)),
  updateModelDataPolicy: adminProcedure
    .input(modelDataPolicySchema)
    .mutation(({ ctx, input }) => updateModelDataPolicy(ctx.domain, input)),
});
