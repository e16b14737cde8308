import { dropQuarantined, getMessage, ListMessagesInput, listMessages, retryQuarantined } from "@northstar/core";
import { z } from "zod";
import { createTRPCRouter, managerProcedure, workspaceProcedure } from "../trpc";

const id = z.object({ id: z.string().min(1) });

export const outboxRouter = createTRPCRouter({
  list: workspaceProcedure.input(ListMessagesInput).query(({ ctx, input }) => listMessages(ctx.domain, input)),
  get: workspaceProcedure.input(id).query(({ ctx, input }) => getMessage(ctx.domain, input.id)),
  /** Sends that failed every attempt, or whose delivery a crash left unknown. */
  quarantine: managerProcedure
    .input(z.object({ cursor: z.string().optional() }).default({}))
    .query(({ ctx, input }) => listMessages(ctx.domain, { status: "QUARANTINED", ...input })),
  retry: managerProcedure.input(id).mutation(({ ctx, input }) => retryQuarantined(ctx.domain, input.id)),
  drop: managerProcedure.input(id).mutation(({ ctx, input }) => dropQuarantined(ctx.domain, input.id)),
});
