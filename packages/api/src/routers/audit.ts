import { ListAuditInput, listAudit } from "@northstar/core";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

export const auditRouter = createTRPCRouter({
  list: workspaceProcedure.input(ListAuditInput).query(({ ctx, input }) => listAudit(ctx.domain, input)),
});
