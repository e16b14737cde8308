import { buildCompileContext, findVersion } from "@northstar/core";
import { compile } from "@northstar/journey";
import { z } from "zod";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

export const canvasRouter = createTRPCRouter({
  /**
   * Compiles the graph the canvas holds right now, saved or not, against the journey's objective and guardrails,
   * so that diagnostics follow every edit. Nothing is stored; compile validates the definition itself and reports
   * every problem as a diagnostic.
   */
  compileDraft: workspaceProcedure
    .input(z.object({ versionId: z.string().min(1), definition: z.unknown() }))
    .mutation(async ({ ctx, input }) => {
      const version = await findVersion(ctx.domain, input.versionId);
      const { plan, diagnostics } = compile(input.definition, await buildCompileContext(ctx.domain, version.journeyId));
      return { diagnostics, planHash: plan?.hash ?? null, steps: plan?.steps.length ?? null };
    }),
});
