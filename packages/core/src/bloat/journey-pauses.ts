import type { DomainContext } from "../workspace/scope";
import type { PauseInterval } from "./staleness";

/**
 * The recorded pauses (JourneyPause, written by a trigger on Journey.status) of the given journeys, oldest first.
 * Pauses are few, so the workspace's are read and filtered here rather than sending a thousand ids to Postgres.
 */
export async function loadPauses(ctx: DomainContext, journeyIds: string[]): Promise<Map<string, PauseInterval[]>> {
  const out = new Map<string, PauseInterval[]>();
  if (journeyIds.length === 0) return out;
  const wanted = new Set(journeyIds);
  const rows = await ctx.db.journeyPause.findMany({
    where: { workspaceId: ctx.actor.workspaceId },
    orderBy: { pausedAt: "asc" },
  });
  for (const r of rows) {
    if (wanted.has(r.journeyId)) {
      out.set(r.journeyId, [...(out.get(r.journeyId) ?? []), { from: r.pausedAt, to: r.resumedAt }]);
    }
  }
  return out;
}
