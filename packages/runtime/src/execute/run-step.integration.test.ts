import type { TestDatabase } from "@northstar/db/testing";
import { uniformRandomPolicy } from "@northstar/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchJourney, publishJourney, runtimeWorkspace, createStepDatabase, type StepDatabase } from "../testing";
import { runStep } from "./run-step";
import type { WithClient } from "./step-tx";

/** Steps write only if the enrollment is still the version they read; a loser of a race writes nothing. */
describe("runStep", () => {
  let db: StepDatabase;
  let t: TestDatabase;
  let withClient: WithClient;

  beforeAll(async () => {
    db = await createStepDatabase();
    ({ t, withClient } = db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("runs the same transition once when two jobs for it run at the same time", async () => {
    const setup = await runtimeWorkspace(t.prisma);
    const { journeyId, versionId } = await publishJourney(setup.ctx, setup.objective.id, benchJourney(60), "Race");
    const customer = await t.prisma.customer.create({
      data: {
        workspaceId: setup.workspace.id,
        externalId: "racer",
        email: "racer@example.test",
        consent: { email: true },
      },
    });
    const enrollment = await t.prisma.enrollment.create({
      data: {
        workspaceId: setup.workspace.id,
        journeyId,
        versionId,
        customerId: customer.id,
        currentStepId: "choose",
        seq: 1,
      },
    });
    const deps = {
      db: t.prisma,
      policy: uniformRandomPolicy(),
      workerId: "race-test",
      publicUrl: "http://localhost:3000",
      sendMaxAttempts: 3,
    };
    const payload = { enrollmentId: enrollment.id, seq: 1 };

    const outcomes = await Promise.all([runStep(deps, withClient, payload), runStep(deps, withClient, payload)]);

    expect(outcomes.filter((o) => o === "stale job")).toHaveLength(1);
    expect(await t.prisma.decision.count({ where: { enrollmentId: enrollment.id } })).toBe(1);
    expect(await t.prisma.stepExecution.count({ where: { enrollmentId: enrollment.id } })).toBe(1);
    const moved = await t.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } });
    expect(moved.seq).toBe(2);
    expect(["msg-a", "msg-b"]).toContain(moved.currentStepId);
    const jobs = await t.prisma.$queryRaw<{ seq: number }[]>`
      select (payload->>'seq')::int as seq from graphile_worker._private_jobs
      where payload->>'enrollmentId' = ${enrollment.id}`;
    expect(jobs).toEqual([{ seq: 2 }]);
  });

  it("writes nothing for a job whose transition already happened", async () => {
    const setup = await runtimeWorkspace(t.prisma);
    const { journeyId, versionId } = await publishJourney(setup.ctx, setup.objective.id, benchJourney(60), "Late");
    const customer = await t.prisma.customer.create({
      data: {
        workspaceId: setup.workspace.id,
        externalId: "late",
        email: "late@example.test",
        consent: { email: true },
      },
    });
    const enrollment = await t.prisma.enrollment.create({
      data: { workspaceId: setup.workspace.id, journeyId, versionId, customerId: customer.id, currentStepId: "entry" },
    });
    const deps = {
      db: t.prisma,
      policy: uniformRandomPolicy(),
      workerId: "late-test",
      publicUrl: "http://localhost:3000",
      sendMaxAttempts: 3,
    };
    expect(await runStep(deps, withClient, { enrollmentId: enrollment.id, seq: 0 })).toBe("entered");
    expect(await runStep(deps, withClient, { enrollmentId: enrollment.id, seq: 0 })).toBe("stale job");
    expect(await t.prisma.stepExecution.count({ where: { enrollmentId: enrollment.id } })).toBe(1);
  });
});
