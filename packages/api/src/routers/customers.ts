import { customerTimeline, ListCustomersInput, listCustomers } from "@northstar/core";
import { z } from "zod";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

export const customersRouter = createTRPCRouter({
  list: workspaceProcedure.input(ListCustomersInput).query(({ ctx, input }) => listCustomers(ctx.domain, input)),
  timeline: workspaceProcedure
    .input(z.object({ customerId: z.string().min(1) }))
    .query(({ ctx, input }) => customerTimeline(ctx.domain, input.customerId)),
});
