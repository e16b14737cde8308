import {
  compileVersion,
  getVersion,
  listVersions,
  openDraft,
  publishVersion,
  restoreVersion,
  SaveDraftInput,
  saveDraft,
} from "@northstar/core";
import { z } from "zod";
import { createTRPCRouter, managerProcedure, workspaceProcedure } from "../trpc";

const versionId = z.object({ versionId: z.string().min(1) });

export const versionRouter = createTRPCRouter({
  list: workspaceProcedure
    .input(z.object({ journeyId: z.string().min(1) }))
    .query(({ ctx, input }) => listVersions(ctx.domain, input.journeyId)),
  get: workspaceProcedure.input(versionId).query(({ ctx, input }) => getVersion(ctx.domain, input.versionId)),
  /** The draft to edit; editing a live journey starts a new draft. */
  openDraft: workspaceProcedure
    .input(z.object({ journeyId: z.string().min(1) }))
    .mutation(({ ctx, input }) => openDraft(ctx.domain, input.journeyId)),
  saveDraft: workspaceProcedure.input(SaveDraftInput).mutation(({ ctx, input }) => saveDraft(ctx.domain, input)),
  compile: workspaceProcedure.input(versionId).query(async ({ ctx, input }) => {
    const { plan, diagnostics } = await compileVersion(ctx.domain, input.versionId);
    return { plan, diagnostics };
  }),
  publish: managerProcedure.input(versionId).mutation(({ ctx, input }) => publishVersion(ctx.domain, input.versionId)),
  restore: workspaceProcedure
    .input(versionId)
    .mutation(({ ctx, input }) => restoreVersion(ctx.domain, input.versionId)),
});
