import { describe, expect, it } from "vitest";
import type { SimulatedCustomer } from "./population";
import { SimulationCancelled, simulate } from "./simulate";
import { agentPlan, knownPlan } from "./testing";

const START = new Date("2026-03-02T00:00:00Z");

function utcPopulation(size: number, overrides: Partial<SimulatedCustomer> = {}): SimulatedCustomer[] {
  return Array.from({ length: size }, (_, i) => ({
    id: `c${i}`,
    email: `c${i}@example.invalid`,
    phone: null,
    timeZone: "UTC",
    consent: { email: true },
    traits: { firstName: "Ada" },
    unsubscribedAt: null,
    ...overrides,
  }));
}

const base = (customers: SimulatedCustomer[], plan = knownPlan()) => ({
  plan,
  workspaceId: "w",
  journeyId: "j",
  versionId: "v",
  customers,
  settings: {
    horizonDays: 7,
    seed: 7,
    start: START,
    behaviour: { events: { report_created: 0, setup_completed: 0.3 } },
  },
});

/** |observed - expected| within 4 standard deviations of a binomial share. */
const within4sd = (observed: number, expected: number, n: number) =>
  Math.abs(observed - expected) < 4 * Math.sqrt((expected * (1 - expected)) / n);

describe("simulate", () => {
  it("gives the same results for the same seed and different ones for another seed", async () => {
    const customers = utcPopulation(2_000);
    const first = await simulate(base(customers));
    const again = await simulate(base(customers));
    const other = await simulate({ ...base(customers), settings: { ...base(customers).settings, seed: 8 } });
    expect(again).toEqual(first);
    expect(other.holdout).not.toBe(first.holdout);
  });

  it("holds out the entry's share of customers and never messages them", async () => {
    const n = 10_000;
    const results = await simulate(base(utcPopulation(n)));
    expect(within4sd(results.holdout / n, 0.5, n)).toBe(true);
    expect(results.messages.total).toBe(n - results.holdout);
    expect(results.nodes.email?.customers).toBe(n);
  });

  it("skips the share of sends that fall in quiet hours, given the customers' zones and entry times", async () => {
    const n = 10_000;
    const plan = knownPlan({ holdoutShare: 0, quietHours: { start: "21:00", end: "08:00", behaviour: "skip" } });
    const results = await simulate(base(utcPopulation(n), plan));
    // Entries spread uniformly over the first UTC day; 11 of its 24 hours are quiet in UTC.
    const blocked = results.blocks.QUIET_HOURS?.skipped ?? 0;
    expect(within4sd(blocked / n, 11 / 24, n)).toBe(true);
    expect(results.messages.total).toBe(n - blocked);
  });

  it("delays sends in quiet hours to their end instead when the guardrail says delay", async () => {
    const n = 2_000;
    const plan = knownPlan({ holdoutShare: 0, quietHours: { start: "21:00", end: "08:00", behaviour: "delay" } });
    const results = await simulate(base(utcPopulation(n), plan));
    expect(results.blocks.QUIET_HOURS?.delayed).toBeGreaterThan(0);
    expect(results.messages.total).toBe(n);
  });

  it("resumes until-event waits with the event's daily probability within the timeout", async () => {
    const n = 10_000;
    const results = await simulate(base(utcPopulation(n), knownPlan({ holdoutShare: 0 })));
    const resumed = results.edges["e:wait:goal"]?.customers ?? 0;
    expect(within4sd(resumed / n, 0.3, n)).toBe(true);
    expect(resumed + (results.edges["wait-timeout"]?.customers ?? 0)).toBe(n);
  });

  it("counts prior sends against the frequency caps", async () => {
    const prior = [{ channel: "email" as const, at: new Date(START.getTime() - 3_600_000), journeyId: "other" }];
    const plan = knownPlan({ holdoutShare: 0, frequencyCaps: [{ channel: "email", max: 1, windowHours: 168 }] });
    const results = await simulate(base(utcPopulation(100, { priorSends: prior }), plan));
    expect(results.blocks.FREQUENCY_CAP?.skipped).toBe(100);
    expect(results.messages.total).toBe(0);
  });

  it("sends a deliverable that fails the content lint to review, where it stays", async () => {
    const plan = knownPlan({ holdoutShare: 0 });
    const email = plan.steps.find((s) => s.id === "email");
    if (email?.kind !== "message" || email.config.content.mode !== "template") throw new Error("fixture changed");
    email.config.content.body = "Hello, free money is waiting in your workspace.";
    const guardrails = { ...plan.guardrails, bannedPhrases: ["free money"] };
    const results = await simulate({ ...base(utcPopulation(50), plan), guardrails });
    expect(results.review).toEqual({ customers: 50, byStep: { email: 50 } });
    expect(results.blocks.BANNED_PHRASE?.review).toBe(50);
  });

  it("sends an email without an open pixel or unsubscribe link, which the runtime adds to every email", async () => {
    const plan = knownPlan({ holdoutShare: 0 });
    const email = plan.steps.find((s) => s.id === "email");
    if (email?.kind !== "message" || email.config.content.mode !== "template") throw new Error("fixture changed");
    email.config.content.body = "Hello, your workspace is ready.";
    const results = await simulate(base(utcPopulation(50), plan));
    expect(results.messages.total).toBe(50);
    expect(results.blocks).toEqual({});
  });

  it("stops with SimulationCancelled after the chunk during which it was aborted", async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const run = simulate({
      ...base(utcPopulation(5_000)),
      chunkSize: 500,
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        if (progress.length === 2) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(SimulationCancelled);
    expect(progress).toEqual([0.1, 0.2]);
  });
});

describe("agent nodes on default settings", () => {
  it("explore every option from the first customer instead of sticking to the fallback", async () => {
    const n = 3_000;
    const results = await simulate(base(utcPopulation(n), agentPlan()));
    const shares = results.options.choose;
    expect(shares?.decisions).toBe(n);
    for (const edgeId of ["opt-a", "opt-b", "opt-c"])
      expect(within4sd(shares?.byEdge[edgeId]?.share ?? 0, 1 / 3, n)).toBe(true);
    expect(shares?.byPhase).toEqual({ learning: n });
    expect(results.messages.total).toBe(n);
    expect(results.messages.avoided).toBe(0);
    expect(results.findings).toEqual([expect.stringMatching(/was in its learning phase throughout/)]);
  });

  it("count the messages a send-nothing option avoided", async () => {
    const n = 2_000;
    const results = await simulate(base(utcPopulation(n), agentPlan({}, { sendNothing: true })));
    const silent = results.options.choose?.byEdge["opt-none"]?.count ?? 0;
    expect(within4sd(silent / n, 1 / 4, n)).toBe(true);
    expect(results.messages.avoided).toBe(silent);
    expect(results.messages.total).toBe(n - silent);
  });

  it("explain a journey that sends nothing: every customer without consent", async () => {
    const results = await simulate(base(utcPopulation(500, { consent: {} }), agentPlan()));
    expect(results.messages.total).toBe(0);
    expect(results.findings?.[0]).toMatch(/^No message was sent: guardrails blocked the sends \(no consent: 500\)/);
  });
});
