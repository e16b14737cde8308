import { approvePublication, listPublicationRequests, rejectPublication, requestPublication } from "@northstar/core";
import { z } from "zod";
import { createTRPCRouter, managerProcedure, workspaceProcedure } from "../trpc";

export const publicationRouter = createTRPCRouter({
  list: workspaceProcedure
    .input(
      z
        .object({
          status: z.enum(["PENDING", "APPROVED", "REJECTED", "WITHDRAWN"]).optional(),
          journeyId: z.string().min(1).optional(),
        })
        .default({}),
    )
    .query(({ ctx, input }) => listPublicationRequests(ctx.domain, input)),
  request: workspaceProcedure
    .input(z.object({ versionId: z.string().min(1), note: z.string().max(2000).optional() }))
    .mutation(({ ctx, input }) => requestPublication(ctx.domain, input)),
  approve: managerProcedure
    .input(z.object({ requestId: z.string().min(1), note: z.string().max(2000).optional() }))
    .mutation(({ ctx, input }) => approvePublication(ctx.domain, input)),
  reject: managerProcedure
    .input(
      z.object({
        requestId: z.string().min(1),
        note: z.string().trim().min(1, "say why the request is rejected").max(2000),
      }),
    )
    .mutation(({ ctx, input }) => rejectPublication(ctx.domain, input)),
});
