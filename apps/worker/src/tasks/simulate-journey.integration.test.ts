import { cancelSimulation, createJourney, getSimulation, startSimulation } from "@northstar/core";
import { createTestDatabase, type TestDatabase } from "@northstar/db/testing";
import { runtimeWorkspace } from "@northstar/runtime/testing";
import { knownJourney } from "@northstar/simulation/testing";
import type { Runner } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker } from "../worker";

const ZONES = ["UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo"];
const CUSTOMERS = 4_000;

/** |observed - expected| within 4 standard deviations of a binomial share. */
const within4sd = (observed: number, expected: number, n: number) =>
  Math.abs(observed - expected) < 4 * Math.sqrt((expected * (1 - expected)) / n);

describe("simulate-journey task", () => {
  let t: TestDatabase;
  let runner: Runner;
  let setup: Awaited<ReturnType<typeof runtimeWorkspace>>;
  let journeyId: string;

  /** Everything the live runtime writes; a simulation must leave all of it as it was. */
  const liveState = async () => {
    const [jobs] = await t.prisma.$queryRaw<{ n: bigint }[]>`
      select count(*) as n from graphile_worker.jobs where task_identifier <> 'simulate-journey'
        and task_identifier <> 'heartbeat' and task_identifier not like '%sweep%' and task_identifier <> 'rollup-counters'`;
    return {
      enrollments: await t.prisma.enrollment.count(),
      steps: await t.prisma.stepExecution.count(),
      decisions: await t.prisma.decision.count(),
      outbox: await t.prisma.message.count(),
      edgeDaily: await t.prisma.edgeDailyCount.count(),
      edgeActivity: await t.prisma.edgeActivity.count(),
      nodeDaily: await t.prisma.nodeDailyCount.count(),
      runtimeJobs: Number(jobs?.n ?? 0),
      policyState: await t.prisma.policyState.findMany({ orderBy: { nodeKey: "asc" } }),
    };
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    setup = await runtimeWorkspace(t.prisma, "report_created", {
      quietHours: { start: "21:00", end: "08:00", behaviour: "skip" },
    });
    await t.prisma.customer.createMany({
      data: Array.from({ length: CUSTOMERS }, (_, i) => ({
        workspaceId: setup.workspace.id,
        externalId: `u${i}`,
        email: `u${i}@example.test`,
        timeZone: ZONES[i % ZONES.length] as string,
        consent: { email: true },
        traits: { firstName: "Ada" },
      })),
    });
    const journey = await createJourney(setup.ctx, {
      name: "Known plan",
      objectiveId: setup.objective.id,
      definition: knownJourney({ holdoutShare: 0.5 }),
    });
    journeyId = journey.id;
    await t.prisma.policyState.create({
      data: { workspaceId: setup.workspace.id, nodeKey: `${journeyId}/choose`, state: { options: {} }, version: 3 },
    });
    runner = await startWorker({ connectionString: t.url, db: t.prisma, concurrency: 2, pollIntervalMs: 100 });
  });
  afterAll(async () => {
    await runner?.stop();
    await t?.drop();
  });

  it("runs the draft on a sample of the workspace's customers with the volumes the plan implies, writing nothing live", async () => {
    const before = await liveState();
    const queued = await startSimulation(setup.ctx, {
      journeyId,
      population: { kind: "sample", size: CUSTOMERS },
      horizonDays: 3,
      seed: 11,
    });
    expect(queued.status).toBe("QUEUED");
    await expect
      .poll(async () => (await getSimulation(setup.ctx, queued.id)).status, { timeout: 50_000, interval: 250 })
      .toBe("DONE");
    const done = await getSimulation(setup.ctx, queued.id);
    const results = done.results;
    if (!results) throw new Error("no results");
    expect(done.progress).toBe(1);
    expect(results.customers).toBe(CUSTOMERS);

    // 50/50 holdout, drawn per customer as the runtime enrolls.
    expect(within4sd(results.holdout / CUSTOMERS, 0.5, CUSTOMERS)).toBe(true);
    // Entries spread over a whole day: in every zone 11 of 24 hours are quiet, so 11/24 of the sends are skipped.
    const treated = CUSTOMERS - results.holdout;
    const quiet = results.blocks.QUIET_HOURS?.skipped ?? 0;
    expect(within4sd(quiet / treated, 11 / 24, treated)).toBe(true);
    expect(results.messages.total).toBe(treated - quiet);
    expect(results.edges["e:entry:email"]?.customers).toBe(CUSTOMERS);
    expect(results.nodes.wait?.customers).toBeLessThanOrEqual(CUSTOMERS);
    expect(done.settings.behaviourSource).toEqual({ report_created: "default", setup_completed: "default" });

    expect(await liveState()).toEqual(before);
  });

  it("stops a running simulation when it is cancelled and stores no results", async () => {
    const queued = await startSimulation(setup.ctx, {
      journeyId,
      population: { kind: "synthetic", size: 100_000 },
      horizonDays: 30,
      seed: 3,
    });
    await expect
      .poll(async () => (await getSimulation(setup.ctx, queued.id)).progress, { timeout: 30_000, interval: 100 })
      .toBeGreaterThan(0);
    await cancelSimulation(setup.ctx, queued.id);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const cancelled = await getSimulation(setup.ctx, queued.id);
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.results).toBeNull();
    expect(cancelled.progress).toBeLessThan(1);
  });

  it("refuses to simulate a draft with compile errors, naming them", async () => {
    const broken = knownJourney();
    broken.edges = broken.edges.filter((e) => e.source !== "entry");
    const journey = await createJourney(setup.ctx, {
      name: "Broken",
      objectiveId: setup.objective.id,
      definition: broken,
    });
    await expect(
      startSimulation(setup.ctx, {
        journeyId: journey.id,
        population: { kind: "synthetic", size: 10 },
        horizonDays: 1,
      }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED", details: { diagnostics: expect.any(Array) } });
  });
});
