import {
  cancelSimulation,
  GuardrailDryRunInput,
  getSimulation,
  guardrailDryRun,
  latestSimulation,
  StartSimulationInput,
  startSimulation,
} from "@northstar/core";
import { z } from "zod";
import { adminProcedure, createTRPCRouter, roleProcedure } from "../trpc";

/** Every role may simulate (marketers draw the journeys); the guardrail dry run is the admins'. */
const memberProcedure = roleProcedure("ADMIN", "MANAGER", "MARKETER");
const byId = z.strictObject({ id: z.string().min(1) });

export const simulationRouter = createTRPCRouter({
  start: memberProcedure.input(StartSimulationInput).mutation(({ ctx, input }) => startSimulation(ctx.domain, input)),
  get: memberProcedure.input(byId).query(({ ctx, input }) => getSimulation(ctx.domain, input.id)),
  latest: memberProcedure
    .input(z.strictObject({ journeyId: z.string().min(1) }))
    .query(({ ctx, input }) => latestSimulation(ctx.domain, input.journeyId)),
  cancel: memberProcedure.input(byId).mutation(({ ctx, input }) => cancelSimulation(ctx.domain, input.id)),
  guardrailDryRun: adminProcedure
    .input(GuardrailDryRunInput)
    .mutation(({ ctx, input }) => guardrailDryRun(ctx.domain, input.proposed)),
});
