import type { AppRouter } from "@northstar/api";
import type { inferRouterOutputs } from "@trpc/server";
import { create } from "zustand";

export type SimulationView = inferRouterOutputs<AppRouter>["simulation"]["get"];
export type SimulationResults = NonNullable<SimulationView["results"]>;

interface OverlayState {
  /** The finished simulation drawn over the canvas, for the version it ran on. */
  results: SimulationResults | null;
  versionId: string | null;
  visible: boolean;
  show(results: SimulationResults, versionId: string): void;
  setVisible(visible: boolean): void;
  clear(): void;
}

/** Simulated volumes over the canvas; kept apart from the canvas store so a run never touches the draft's state. */
export const useSimulationOverlay = create<OverlayState>((set) => ({
  results: null,
  versionId: null,
  visible: true,
  show: (results, versionId) => set({ results, versionId, visible: true }),
  setVisible: (visible) => set({ visible }),
  clear: () => set({ results: null, versionId: null }),
}));

export const formatCount = (n: number) =>
  n >= 10_000 ? `${Math.round(n / 1_000)}k` : n >= 1_000 ? `${(n / 1_000).toFixed(1)}k` : String(n);
export const formatShare = (share: number) => `${Math.round(share * 100)}%`;
