import { describe, expect, it } from "vitest";
import { compile } from "../compile/compile";
import type { JourneyActivity } from "../compile/context";
import {
  agentNode,
  buildJourney,
  chainJourney,
  compileContext,
  defineJourney,
  diagnosticCodes,
  diagnosticsOf,
  edge,
  entryNode,
  exitNode,
  goalNode,
  messageNode,
  optionEdge,
  waitNode,
} from "../testing/index";

const DAY = 86_400_000;
const now = new Date("2025-06-01T00:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
const activity = (liveDays: number, edges: JourneyActivity["edges"]): JourneyActivity => ({
  liveSince: daysAgo(liveDays),
  edges,
  now,
});
const fired = (days: number, count = 12) => ({ lastFiredAt: daysAgo(days), count });

describe("STALE_BRANCH", () => {
  const allFresh = Object.fromEntries(buildJourney().edges.map((e) => [e.id, fired(3)]));

  it("an edge that last fired more than 90 days ago on a journey live that long is stale, with its history", () => {
    const context = compileContext({ activity: activity(200, { ...allFresh, "choose-sms": fired(120, 7) }) });
    const result = compile(buildJourney(), context);
    expect(diagnosticsOf(result, "STALE_BRANCH")).toEqual([
      expect.objectContaining({
        edgeId: "choose-sms",
        severity: "warning",
        details: { lastFiredAt: daysAgo(120).toISOString(), count: 7, idleDays: 120 },
      }),
    ]);
    expect(result.plan).not.toBeNull();
  });

  it("an edge that never fired is stale counted from liveSince", () => {
    const { "choose-sms": _omitted, ...others } = allFresh;
    const stale = diagnosticsOf(
      compile(buildJourney(), compileContext({ activity: activity(100, others) })),
      "STALE_BRANCH",
    );
    expect(stale.map((d) => [d.edgeId, d.details?.idleDays])).toEqual([["choose-sms", 100]]);
  });

  it("nothing is stale while the journey has been live for less than the period, or never", () => {
    expect(diagnosticCodes(buildJourney(), compileContext({ activity: activity(60, {}) }))).not.toContain(
      "STALE_BRANCH",
    );
    const neverLive = { liveSince: null, edges: {}, now };
    expect(diagnosticCodes(buildJourney(), compileContext({ activity: neverLive }))).not.toContain("STALE_BRANCH");
    expect(diagnosticCodes(buildJourney(), compileContext({ activity: activity(200, allFresh) }))).not.toContain(
      "STALE_BRANCH",
    );
  });

  it("honours a custom stale period", () => {
    const context = compileContext({
      activity: { ...activity(40, { ...allFresh, "wait-goal": fired(31) }), staleAfterDays: 30 },
    });
    expect(diagnosticsOf(compile(buildJourney(), context), "STALE_BRANCH").map((d) => d.edgeId)).toEqual(["wait-goal"]);
  });
});

describe("WAIT_IN_QUIET_HOURS (default quiet hours 21:00-08:00, delay)", () => {
  const segmentEntry = (dailyAt?: string) =>
    entryNode("in", { trigger: { type: "segment", segmentId: "lapsed", ...(dailyAt ? { dailyAt } : {}) } });
  const waitThenSend = (dailyAt: string | undefined, minutes: number) =>
    chainJourney([
      segmentEntry(dailyAt),
      waitNode("w", { type: "duration", minutes }),
      messageNode("m"),
      exitNode("x"),
    ]);

  it("a wait after a daily 20:00 segment check that always ends at 22:00 is reported", () => {
    const [found] = diagnosticsOf(compile(waitThenSend("20:00", 120), compileContext()), "WAIT_IN_QUIET_HOURS");
    expect(found).toMatchObject({
      nodeId: "w",
      severity: "warning",
      details: { endsAt: ["22:00"], behaviour: "delay" },
    });
    expect(found?.message).toContain("wait until 08:00");
  });

  it("a wait that ends outside quiet hours, or whose start time is unknown, is not reported", () => {
    expect(diagnosticCodes(waitThenSend("10:00", 1_440))).not.toContain("WAIT_IN_QUIET_HOURS");
    expect(diagnosticCodes(waitThenSend(undefined, 120))).not.toContain("WAIT_IN_QUIET_HOURS");
    expect(
      diagnosticCodes(chainJourney([entryNode("in"), waitNode("w", { type: "duration", minutes: 60 }), exitNode("x")])),
    ).not.toContain("WAIT_IN_QUIET_HOURS");
  });

  it("whole days keep the time of day: 20:00 + 2h + 3 days still lands at 22:00", () => {
    expect(diagnosticCodes(waitThenSend("20:00", 120 + 3 * 1_440))).toContain("WAIT_IN_QUIET_HOURS");
  });

  it("a send delayed by quiet hours moves the clock to their end (22:00 -> 08:00, then +14h = 22:00)", () => {
    const definition = chainJourney([
      segmentEntry("22:00"),
      messageNode("m"),
      waitNode("w", { type: "duration", minutes: 14 * 60 }),
      goalNode("g"),
    ]);
    expect(diagnosticsOf(compile(definition, compileContext()), "WAIT_IN_QUIET_HOURS")[0]?.details?.endsAt).toEqual([
      "22:00",
    ]);
  });

  const twoPaths = (firstWait: number, secondWait: number) =>
    defineJourney(
      [
        segmentEntry("10:00"),
        agentNode("a"),
        waitNode("short", { type: "duration", minutes: firstWait }),
        waitNode("w", { type: "duration", minutes: secondWait }),
        exitNode("x"),
      ],
      [
        edge("in-a", "in", "a"),
        optionEdge("a-short", "a", "short"),
        optionEdge("a-w", "a", "w"),
        edge("short-w", "short", "w"),
        edge("w-x", "w", "x"),
      ],
    );

  it("paths meeting at different known times are pooled: reported when every one of them ends in quiet hours", () => {
    // Via a: arrives 10:00 -> ends 21:00. Via short: arrives 11:00 -> ends 22:00. Both inside 21:00-08:00.
    const [found] = diagnosticsOf(compile(twoPaths(60, 660), compileContext()), "WAIT_IN_QUIET_HOURS");
    expect(found).toMatchObject({ nodeId: "w", details: { endsAt: ["21:00", "22:00"] } });
  });

  it("paths meeting at different known times are not reported when one of them ends outside quiet hours", () => {
    // Via a: 10:00 + 10h = 20:00 (outside). Via short: 20:00 + 10h = 06:00 (inside): not always.
    expect(diagnosticCodes(twoPaths(600, 600))).not.toContain("WAIT_IN_QUIET_HOURS");
  });

  it("a loop that keeps shifting the time makes it unknown instead of looping forever", () => {
    const definition = defineJourney(
      [segmentEntry("10:00"), agentNode("a"), waitNode("w", { type: "duration", minutes: 7 }), exitNode("x")],
      [edge("in-a", "in", "a"), optionEdge("a-w", "a", "w"), optionEdge("a-x", "a", "x"), edge("w-a", "w", "a")],
    );
    expect(diagnosticCodes(definition)).not.toContain("WAIT_IN_QUIET_HOURS");
  });

  it("nothing is reported when quiet hours are switched off for the journey", () => {
    expect(
      diagnosticCodes(waitThenSend("20:00", 120), compileContext({ override: { quietHours: null } })),
    ).not.toContain("WAIT_IN_QUIET_HOURS");
  });
});
