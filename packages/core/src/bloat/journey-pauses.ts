import type { DomainContext } from "../workspace/scope";
import type { PauseInterval } from "./staleness";

/** The recorded pauses (JourneyPause, written by a trigger on Journey.status) of the given journeys, oldest first. */
export async function loadPauses(ctx: DomainContext, journeyIds: string[]): Promise<Map<string, PauseInterval[]>> {
  const out = new Map<string, PauseInterval[]>();
  if (journeyIds.length === 0) return out;
  const rows = await ctx.db.journeyPause.findMany({
    where: { workspaceId: ctx.actor.workspaceId, journeyId: { in: journeyIds } },
    orderBy: { pausedAt: "asc" },
  });
  for (const r of rows) out.set(r.journeyId, [...(out.get(r.journeyId) ?? []), { from: r.pausedAt, to: r.resumedAt }]);
  return out;
}
