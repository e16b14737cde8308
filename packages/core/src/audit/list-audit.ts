import { z } from "zod";
import type { DomainContext } from "../workspace/scope";
import { loadUserRefs } from "../workspace/users";

export const ListAuditInput = z.object({
  journeyId: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** Id of the last entry of the previous page. */
  cursor: z.string().min(1).optional(),
});

/** Newest first; per journey or for the whole workspace. */
export async function listAudit(ctx: DomainContext, input: z.input<typeof ListAuditInput> = {}) {
  const query = ListAuditInput.parse(input);
  const rows = await ctx.db.auditEntry.findMany({
    where: { workspaceId: ctx.actor.workspaceId, ...(query.journeyId ? { journeyId: query.journeyId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  const users = await loadUserRefs(
    ctx.db,
    page.flatMap((r) => (r.actorId ? [r.actorId] : [])),
  );
  return {
    entries: page.map((r) => ({
      id: r.id,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      journeyId: r.journeyId,
      summary: r.summary,
      changes: r.changes,
      createdAt: r.createdAt,
      actor: r.actorId ? (users.get(r.actorId) ?? { id: r.actorId, name: "Former member" }) : null,
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
