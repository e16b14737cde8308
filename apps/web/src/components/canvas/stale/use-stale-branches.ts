"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import type { PruneTarget } from "~/components/dashboard/format";
import { useTRPC } from "~/trpc/react";
import { useStaleBranches } from "./stale-branches-store";

/**
 * Loads the stale branches of the journey's published version into the store while that version is on screen and
 * the viewer may prune (managers and admins, like the dashboard), using the dashboard's own per-journey query.
 */
export function useLoadStaleBranches(input: {
  journeyId: string;
  journeyName: string;
  role: string;
  showingPublished: boolean;
}) {
  const trpc = useTRPC();
  const canPrune = input.role === "MANAGER" || input.role === "ADMIN";
  const enabled = canPrune && input.showingPublished;
  const detail = useQuery({ ...trpc.dashboard.journey.queryOptions({ journeyId: input.journeyId }), enabled });
  const set = useStaleBranches((s) => s.set);
  useEffect(() => {
    const byEdge = new Map<string, PruneTarget>();
    if (enabled && detail.data) {
      for (const b of detail.data.branches) {
        if (!b.stale || b.idleDays === null) continue;
        byEdge.set(b.edgeId, {
          journeyId: input.journeyId,
          journeyName: input.journeyName,
          edgeId: b.edgeId,
          label: b.label,
          source: b.source,
          target: b.target,
          idleDays: b.idleDays,
          lastFiredAt: b.lastFiredAt,
        });
      }
    }
    set({ canPrune: enabled, byEdge });
  }, [enabled, detail.data, input.journeyId, input.journeyName, set]);
}
