import {
  ApproveReviewInput,
  approveReviewItem,
  getReviewItem,
  ListReviewItemsInput,
  listReviewItems,
  RejectReviewInput,
  rejectReviewItem,
} from "@northstar/core";
import { z } from "zod";
import { createTRPCRouter, managerProcedure, workspaceProcedure } from "../trpc";

/** The human review queue: every member reads it, managers and admins decide. */
export const reviewRouter = createTRPCRouter({
  list: workspaceProcedure.input(ListReviewItemsInput).query(({ ctx, input }) => listReviewItems(ctx.domain, input)),
  get: workspaceProcedure
    .input(z.object({ id: z.string().min(1) }))
    .query(({ ctx, input }) => getReviewItem(ctx.domain, input.id)),
  approve: managerProcedure
    .input(ApproveReviewInput)
    .mutation(({ ctx, input }) => approveReviewItem(ctx.domain, input)),
  reject: managerProcedure.input(RejectReviewInput).mutation(({ ctx, input }) => rejectReviewItem(ctx.domain, input)),
});
