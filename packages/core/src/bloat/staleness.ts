import type { JourneyStatus } from "@northstar/db";

export const DAY_MS = 86_400_000;

/** One recorded pause of a journey (JourneyPause); `to` is null while it lasts. */
export interface PauseInterval {
  from: Date;
  to: Date | null;
}

/**
 * Milliseconds of running time in [since, now]: the elapsed time minus the part of it the journey spent paused.
 * A paused journey can fire nothing, so paused time proves nothing about a branch and never counts as idle or live.
 */
export function runningMs(since: Date, now: Date, pauses: readonly PauseInterval[] = []): number {
  const start = since.getTime();
  const end = now.getTime();
  let paused = 0;
  for (const p of pauses) {
    const from = Math.max(p.from.getTime(), start);
    const to = Math.min(p.to?.getTime() ?? end, end);
    if (to > from) paused += to - from;
  }
  return Math.max(0, end - start - paused);
}

/**
 * The stale-branch rule, pure so that the dashboard, the CSV export, the canvas and the benchmarks share one
 * definition.
 *
 * An edge is stale when its journey is LIVE, has been running (live, paused time excluded) for at least
 * `staleAfterDays`, and the edge has been idle for at least `staleAfterDays` of running time. "Exactly N days"
 * counts as stale (the same boundary as compile's STALE_BRANCH warning).
 *
 * The edge's idle clock starts at the latest of: the journey's liveSince, the first publication of a version holding
 * the edge (`edgeSince`: an edge added by v3 is not idle for the time before v3), and its last fire. `lastFiredAt`
 * comes from the EdgeActivity rollup, keyed by the stable edge id: an edge kept across versions keeps its history
 * through republishing.
 *
 * Paused journeys are never stale: their silence says nothing about a branch. After a resume, the paused time counts
 * neither toward "live N days" nor toward the edge's idle time, so a journey paused for 60 days and resumed needs
 * 60 more days of silence before a branch goes stale. Draft and archived journeys run nothing and are never stale.
 */
export type Staleness =
  | { stale: true; idleDays: number; neverFired: boolean; idleSince: Date }
  | { stale: false; reason: "not-live" | "paused" | "live-too-briefly" | "fired-recently" };

export interface StalenessInput {
  status: JourneyStatus;
  liveSince: Date | null;
  /** From EdgeActivity; null when the edge never fired. */
  lastFiredAt: Date | null;
  /** When a version holding the edge was first published (BloatEdgeSince); null: counts from liveSince. */
  edgeSince?: Date | null;
  /** The journey's recorded pauses. */
  pauses?: readonly PauseInterval[];
  now: Date;
  staleAfterDays: number;
}

const latest = (...dates: Array<Date | null | undefined>) =>
  dates.reduce<Date | null>((a, d) => (d && (!a || d.getTime() > a.getTime()) ? d : a), null);

export function branchStaleness(input: StalenessInput): Staleness {
  if (input.status === "PAUSED") return { stale: false, reason: "paused" };
  if (input.status !== "LIVE" || !input.liveSince) return { stale: false, reason: "not-live" };
  const period = input.staleAfterDays * DAY_MS;
  if (runningMs(input.liveSince, input.now, input.pauses) < period) return { stale: false, reason: "live-too-briefly" };
  // liveSince is kept across republishes, so a fire before it can only come from imported counters: the later wins.
  const idleSince = latest(input.liveSince, input.edgeSince, input.lastFiredAt) as Date;
  const idle = runningMs(idleSince, input.now, input.pauses);
  if (idle < period) return { stale: false, reason: "fired-recently" };
  return { stale: true, idleDays: Math.floor(idle / DAY_MS), neverFired: input.lastFiredAt === null, idleSince };
}

/**
 * The instant at or before which both liveSince and the edge's idle start must lie for an edge to be stale: the
 * database prefilter uses it so that only candidate rows leave Postgres (paused time only shortens running time, so
 * it is a necessary condition); `branchStaleness` then decides each row.
 */
export function staleCutoff(now: Date, staleAfterDays: number): Date {
  return new Date(now.getTime() - staleAfterDays * DAY_MS);
}

/**
 * Idle journey: live, running for the whole period, and no entry in the last `staleAfterDays` of running time. A
 * journey running for less has not had its chance yet. `lastEntryDay` is the UTC day of the last entry (its start).
 */
export function journeyIdle(input: {
  status: JourneyStatus;
  liveSince: Date | null;
  lastEntryDay: Date | null;
  pauses?: readonly PauseInterval[];
  now: Date;
  staleAfterDays: number;
}): boolean {
  if (input.status !== "LIVE" || !input.liveSince) return false;
  const period = input.staleAfterDays * DAY_MS;
  if (runningMs(input.liveSince, input.now, input.pauses) < period) return false;
  const since = latest(input.liveSince, input.lastEntryDay) as Date;
  return runningMs(since, input.now, input.pauses) >= period;
}
