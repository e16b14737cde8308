import type { ResolvedContext } from "../compile/context";
import type { JourneyGraph } from "../graph/journey-graph";
import { describeEdge } from "./describe";
import { type Diagnostic, diagnostic } from "./diagnostic";

const DAY_MS = 86_400_000;

/**
 * STALE_BRANCH: once a journey has been live for the stale period, an edge that has not fired within that period
 * is stale. An edge that never fired is stale counted from liveSince.
 */
export function checkStaleBranches(
  graph: JourneyGraph,
  activity: ResolvedContext["activity"],
  out: Diagnostic[],
): void {
  if (!activity?.liveSince) return;
  const now = activity.now.getTime();
  const periodMs = activity.staleAfterDays * DAY_MS;
  const liveSince = activity.liveSince.getTime();
  if (!Number.isFinite(now) || !Number.isFinite(liveSince) || now - liveSince < periodMs) return;

  for (const edge of graph.edges) {
    const record = Object.hasOwn(activity.edges, edge.id) ? activity.edges[edge.id] : undefined;
    const lastFiredAt = record?.lastFiredAt ?? null;
    const lastFiredMs = lastFiredAt ? lastFiredAt.getTime() : Number.NaN;
    const since = Number.isFinite(lastFiredMs) ? lastFiredMs : liveSince;
    if (now - since < periodMs) continue;
    const idleDays = Math.floor((now - since) / DAY_MS);
    const last =
      lastFiredAt && Number.isFinite(lastFiredMs)
        ? `last fired ${lastFiredAt.toISOString().slice(0, 10)}`
        : "never fired";
    out.push(
      diagnostic(
        "STALE_BRANCH",
        `The ${describeEdge(graph, edge)} ${last} (${record?.count ?? 0} times in total); it has been idle for ${idleDays} days.`,
        {
          edgeId: edge.id,
          details: {
            lastFiredAt: lastFiredAt && Number.isFinite(lastFiredMs) ? lastFiredAt.toISOString() : null,
            count: record?.count ?? 0,
            idleDays,
          },
        },
      ),
    );
  }
}
