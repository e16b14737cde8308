import { describe, expect, it } from "vitest";
import { branchStaleness, DAY_MS, journeyIdle, runningMs, staleCutoff } from "./staleness";

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

  it("counts an edge added by a later version from that version's first publication, not from liveSince", () => {
    // Live for 300 days; v3 added the edge 40 days ago and it never fired: not stale yet.
    const added = { ...base, liveSince: daysAgo(300), lastFiredAt: null, edgeSince: daysAgo(40) };
    expect(branchStaleness(added)).toEqual({ stale: false, reason: "fired-recently" });
    // Published 95 days ago and never fired: stale for 95 days, not 300.
    expect(branchStaleness({ ...added, edgeSince: daysAgo(95) })).toMatchObject({ stale: true, idleDays: 95 });
  });

  it("does not count paused time as live time or as idle time after a resume", () => {
    const pauses = [{ from: daysAgo(100), to: daysAgo(40) }];
    // Live 120 days with 60 of them paused: running 60 days, too briefly.
    expect(branchStaleness({ ...base, liveSince: daysAgo(120), lastFiredAt: null, pauses })).toEqual({
      stale: false,
      reason: "live-too-briefly",
    });
    // Live 300 days, last fire 130 days ago, 60 paused days since: idle 70 running days, not stale.
    const fired = { ...base, liveSince: daysAgo(300), lastFiredAt: daysAgo(130), pauses };
    expect(branchStaleness(fired)).toEqual({ stale: false, reason: "fired-recently" });
    // Last fire 160 days ago: 100 running days idle, stale with 100 idle days.
    expect(branchStaleness({ ...fired, lastFiredAt: daysAgo(160) })).toMatchObject({ stale: true, idleDays: 100 });
    // A pause before the last fire does not shorten the idle time.
    const before = [{ from: daysAgo(250), to: daysAgo(200) }];
    expect(branchStaleness({ ...fired, lastFiredAt: daysAgo(95), pauses: before })).toMatchObject({
      stale: true,
      idleDays: 95,
    });
  });

  it("measures running time without the overlap of pauses, an open pause lasting until now", () => {
    expect(runningMs(daysAgo(10), now, [{ from: daysAgo(20), to: daysAgo(5) }])).toBe(5 * DAY_MS);
    expect(runningMs(daysAgo(10), now, [{ from: daysAgo(3), to: null }])).toBe(7 * DAY_MS);
    expect(runningMs(daysAgo(10), now, [])).toBe(10 * DAY_MS);
  });

  it("calls a journey idle only after N running days without an entry", () => {
    const idle = { status: "LIVE" as const, now, staleAfterDays: 90, liveSince: daysAgo(200) };
    expect(journeyIdle({ ...idle, lastEntryDay: daysAgo(91) })).toBe(true);
    expect(journeyIdle({ ...idle, lastEntryDay: daysAgo(30) })).toBe(false);
    expect(journeyIdle({ ...idle, lastEntryDay: null })).toBe(true);
    // 91 days without entries, but 30 of them paused: not idle yet.
    expect(journeyIdle({ ...idle, lastEntryDay: daysAgo(91), pauses: [{ from: daysAgo(60), to: daysAgo(30) }] })).toBe(
      false,
    );
    expect(journeyIdle({ ...idle, status: "PAUSED", lastEntryDay: null })).toBe(false);
  });
});
