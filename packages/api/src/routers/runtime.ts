import {
  CountersInput,
  CreateWriteKeyInput,
  createWriteKey,
  decisionsForEnrollment,
  journeyCounters,
  journeyOccupancy,
  listWriteKeys,
  revokeWriteKey,
} from "@northstar/core";
import { z } from "zod";
import { adminProcedure, createTRPCRouter, workspaceProcedure } from "../trpc";

const id = z.object({ id: z.string().min(1) });

export const runtimeRouter = createTRPCRouter({
  /** Per-edge per-day fires with lastFiredAt, per-node entries: the canvas and the dashboard. */
  counters: workspaceProcedure.input(CountersInput).query(({ ctx, input }) => journeyCounters(ctx.domain, input)),
  occupancy: workspaceProcedure
    .input(z.object({ journeyId: z.string().min(1) }))
    .query(({ ctx, input }) => journeyOccupancy(ctx.domain, input.journeyId)),
  decisions: workspaceProcedure
    .input(z.object({ enrollmentId: z.string().min(1) }))
    .query(({ ctx, input }) => decisionsForEnrollment(ctx.domain, input.enrollmentId)),
  writeKeys: createTRPCRouter({
    list: adminProcedure.query(({ ctx }) => listWriteKeys(ctx.domain)),
    /** Returns the secret once; only its hash is stored. */
    create: adminProcedure.input(CreateWriteKeyInput).mutation(({ ctx, input }) => createWriteKey(ctx.domain, input)),
    revoke: adminProcedure.input(id).mutation(({ ctx, input }) => revokeWriteKey(ctx.domain, input.id)),
  }),
});
