import { describe, expect, it } from "vitest";
import { branchStaleness, DAY_MS, staleCutoff } from "./staleness";

const now = new Date("2026-11-23T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY_MS);
const base = { status: "LIVE" as const, now, staleAfterDays: 90 };

describe("branchStaleness", () => {
  it("counts a never-fired edge from liveSince", () => {
    expect(branchStaleness({ ...base, liveSince: daysAgo(120), lastFiredAt: null })).toEqual({
      stale: true,
      idleDays: 120,
      neverFired: true,
      idleSince: daysAgo(120),
    });
    expect(branchStaleness({ ...base, liveSince: daysAgo(89), lastFiredAt: null })).toEqual({
      stale: false,
      reason: "live-too-briefly",
    });
  });

  it("treats an edge that fired exactly N days ago as stale, and one a second later as not", () => {
    expect(branchStaleness({ ...base, liveSince: daysAgo(200), lastFiredAt: daysAgo(90) })).toMatchObject({
      stale: true,
      idleDays: 90,
      neverFired: false,
    });
    const justInside = new Date(daysAgo(90).getTime() + 1000);
    expect(branchStaleness({ ...base, liveSince: daysAgo(200), lastFiredAt: justInside })).toEqual({
      stale: false,
      reason: "fired-recently",
    });
  });

  it("never flags a journey live for less than N days, even when the edge never fired", () => {
    expect(branchStaleness({ ...base, liveSince: daysAgo(30), lastFiredAt: null })).toEqual({
      stale: false,
      reason: "live-too-briefly",
    });
    // Live exactly N days: the journey had its full chance.
    expect(branchStaleness({ ...base, liveSince: daysAgo(90), lastFiredAt: null }).stale).toBe(true);
  });

  it("keeps an edge's history across versions: a republish does not reset it (liveSince and the id are stable)", () => {
    // v1 went live 300 days ago, v2 was published 10 days ago and kept edge "e1", which last fired 150 days ago.
    // The rule sees the journey's liveSince and the edge id's activity, not the version's publication date.
    const kept = branchStaleness({ ...base, liveSince: daysAgo(300), lastFiredAt: daysAgo(150) });
    expect(kept).toMatchObject({ stale: true, idleDays: 150 });
    // An edge that fired under v1 yesterday is fresh under v2.
    expect(branchStaleness({ ...base, liveSince: daysAgo(300), lastFiredAt: daysAgo(1) }).stale).toBe(false);
  });

  it("never flags paused, draft or archived journeys", () => {
    const old = { liveSince: daysAgo(400), lastFiredAt: daysAgo(300) };
    expect(branchStaleness({ ...base, ...old, status: "PAUSED" })).toEqual({ stale: false, reason: "paused" });
    expect(branchStaleness({ ...base, ...old, status: "DRAFT" })).toEqual({ stale: false, reason: "not-live" });
    expect(branchStaleness({ ...base, ...old, status: "ARCHIVED" })).toEqual({ stale: false, reason: "not-live" });
    expect(branchStaleness({ ...base, liveSince: null, lastFiredAt: null })).toEqual({
      stale: false,
      reason: "not-live",
    });
  });

  it("honours the workspace's period", () => {
    const input = { ...base, liveSince: daysAgo(100), lastFiredAt: daysAgo(40) };
    expect(branchStaleness({ ...input, staleAfterDays: 30 }).stale).toBe(true);
    expect(branchStaleness({ ...input, staleAfterDays: 90 }).stale).toBe(false);
  });

  it("agrees with the database prefilter: stale iff both dates are at or before the cutoff", () => {
    const cutoff = staleCutoff(now, 90).getTime();
    for (const live of [0, 30, 89, 90, 91, 200]) {
      for (const fired of [null, 0, 45, 89, 90, 91, 150]) {
        const liveSince = daysAgo(live);
        const lastFiredAt = fired === null ? null : daysAgo(Math.min(fired, live));
        const since = lastFiredAt ?? liveSince;
        const prefilter = liveSince.getTime() <= cutoff && since.getTime() <= cutoff;
        expect(branchStaleness({ ...base, liveSince, lastFiredAt }).stale).toBe(prefilter);
      }
    }
  });
});
