import { create } from "zustand";
import type { PruneTarget } from "~/components/dashboard/format";

/**
 * The stale branches of the version on the canvas, as the dashboard judges them (rollups, pauses, first
 * publication): what the edges show and what the inspector offers to prune. Filled only for managers and admins
 * looking at the published version; empty otherwise.
 */
interface StaleBranchesState {
  canPrune: boolean;
  byEdge: ReadonlyMap<string, PruneTarget>;
  /** The branch whose prune dialog is open: kept here so that publishing (which refreshes the list) keeps it open. */
  pruning: PruneTarget | null;
  set(next: { canPrune: boolean; byEdge: ReadonlyMap<string, PruneTarget> }): void;
  prune(target: PruneTarget | null): void;
}

export const useStaleBranches = create<StaleBranchesState>()((set) => ({
  canPrune: false,
  byEdge: new Map(),
  pruning: null,
  set: (next) => set(next),
  prune: (pruning) => set({ pruning }),
}));
