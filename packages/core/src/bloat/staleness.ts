import type { JourneyStatus } from "@northstar/db";

export const DAY_MS = 86_400_000;

/**
 * The stale-branch rule, pure so that the dashboard, the CSV export and the benchmarks share one definition.
 *
 * An edge is stale when its journey is LIVE, has been live for at least `staleAfterDays`, and the edge has not fired
 * for at least `staleAfterDays`. "Exactly N days" counts as stale (the same boundary as compile's STALE_BRANCH
 * warning, so the dashboard and the canvas never disagree). An edge that never fired is idle since `liveSince`.
 *
 * `lastFiredAt` comes from the EdgeActivity rollup, keyed by the stable edge id: an edge kept across versions keeps
 * its history through republishing, and an edge id that is new counts from liveSince like one that never fired.
 *
 * Paused journeys are deliberately never stale: a paused journey cannot fire any branch, so its silence says nothing
 * about the branch. The dashboard lists paused journeys with status PAUSED in the ranked list instead. Known limit:
 * pause intervals are not recorded, so after a resume the paused days still count as idle days.
 * Draft and archived journeys run nothing and are never stale either.
 */
export type Staleness =
  | { stale: true; idleDays: number; neverFired: boolean; idleSince: Date }
  | { stale: false; reason: "not-live" | "paused" | "live-too-briefly" | "fired-recently" };

export interface StalenessInput {
  status: JourneyStatus;
  liveSince: Date | null;
  /** From EdgeActivity; null when the edge never fired. */
  lastFiredAt: Date | null;
  now: Date;
  staleAfterDays: number;
}

export function branchStaleness(input: StalenessInput): Staleness {
  if (input.status === "PAUSED") return { stale: false, reason: "paused" };
  if (input.status !== "LIVE" || !input.liveSince) return { stale: false, reason: "not-live" };
  const period = input.staleAfterDays * DAY_MS;
  const now = input.now.getTime();
  if (now - input.liveSince.getTime() < period) return { stale: false, reason: "live-too-briefly" };
  // liveSince is kept across republishes, so a fire before it can only come from imported counters: the later wins.
  const idleSince =
    input.lastFiredAt && input.lastFiredAt.getTime() > input.liveSince.getTime() ? input.lastFiredAt : input.liveSince;
  if (now - idleSince.getTime() < period) return { stale: false, reason: "fired-recently" };
  return {
    stale: true,
    idleDays: Math.floor((now - idleSince.getTime()) / DAY_MS),
    neverFired: input.lastFiredAt === null,
    idleSince,
  };
}

/**
 * The instant at or before which both liveSince and the last fire must lie for an edge to be stale: the database
 * prefilter uses it so that only candidate rows leave Postgres; `branchStaleness` then decides each row.
 */
export function staleCutoff(now: Date, staleAfterDays: number): Date {
  return new Date(now.getTime() - staleAfterDays * DAY_MS);
}
