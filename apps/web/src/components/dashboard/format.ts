import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@northstar/api";

export type DashboardOutputs = inferRouterOutputs<AppRouter>["dashboard"];
export type Overview = DashboardOutputs["overview"];
export type StaleBranchRow = DashboardOutputs["staleBranches"][number];
export type RankedRow = Overview["ranked"][number];
/** What the prune dialog needs of a stale branch, from the dashboard's list or the canvas. */
export type PruneTarget = Pick<
  StaleBranchRow,
  "journeyId" | "journeyName" | "edgeId" | "label" | "source" | "target" | "idleDays" | "lastFiredAt"
>;

export interface Filters {
  ownerId?: string;
  tag?: string;
  status?: "DRAFT" | "LIVE" | "PAUSED" | "ARCHIVED";
}

export const day = (value: Date | string | null) =>
  value ? new Date(value).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" }) : "never";

export const number = (n: number) => n.toLocaleString("en-GB");

/** Series colours, one per measure, kept the same in every chart of the dashboard. */
export const COLORS = {
  journeys: "#4f6cf7",
  nodes: "#0ea5e9",
  branches: "#14b8a6",
  staleBranches: "#f59e0b",
  ruleSplits: "#e11d48",
  entries: "#4f6cf7",
  muted: "#cbd5e1",
} as const;

export const STATUS_CHIP: Record<string, string> = {
  DRAFT: "bg-sky-50 text-sky-700 ring-sky-200",
  LIVE: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  PAUSED: "bg-amber-50 text-amber-700 ring-amber-200",
  ARCHIVED: "bg-slate-100 text-slate-500 ring-slate-200",
};

export function branchName(row: {
  label: string | null;
  source: { name: string | null; id: string };
  target: { name: string | null; id: string };
}) {
  const path = `${row.source.name ?? row.source.id} → ${row.target.name ?? row.target.id}`;
  return row.label ? `${row.label} (${path})` : path;
}
