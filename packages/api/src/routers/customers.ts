import {
  customerTimeline,
  ImportCustomersInput,
  importCustomers,
  ListCustomersInput,
  listCustomers,
} from "@northstar/core";
import { z } from "zod";
import { createTRPCRouter, managerProcedure, workspaceProcedure } from "../trpc";

export const customersRouter = createTRPCRouter({
  list: workspaceProcedure.input(ListCustomersInput).query(({ ctx, input }) => listCustomers(ctx.domain, input)),
  timeline: workspaceProcedure
    .input(z.object({ customerId: z.string().min(1) }))
    .query(({ ctx, input }) => customerTimeline(ctx.domain, input.customerId)),
  /** One chunk of a CSV file; rejected rows come back with their line and column. */
  import: managerProcedure.input(ImportCustomersInput).mutation(({ ctx, input }) => importCustomers(ctx.domain, input)),
});
