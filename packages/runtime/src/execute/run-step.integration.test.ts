import type { TestDatabase } from "@northstar/db/testing";
import { uniformRandomPolicy } from "@northstar/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benchJourney, publishJourney, runtimeWorkspace, createStepDatabase, type StepDatabase } from "../testing";
import { Logger, run } from "graphile-worker";
import { createChannels } from "../channels/registry";
import { runtimeTaskList } from "../tasks/runtime-tasks";
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

  /** A customer enrolled on the bench journey at `step` (transition `seq`), and step dependencies named after it. */
  const enrolled = async (name: string, { step = "entry", seq = 0, policy = uniformRandomPolicy() } = {}) => {
    const setup = await runtimeWorkspace(t.prisma);
    const { journeyId, versionId } = await publishJourney(setup.ctx, setup.objective.id, benchJourney(60), name);
    const customer = await t.prisma.customer.create({
      data: {
        workspaceId: setup.workspace.id,
        externalId: name,
        email: `${name}@example.test`,
        consent: { email: true },
      },
    });
    const enrollment = await t.prisma.enrollment.create({
      data: {
        workspaceId: setup.workspace.id,
        journeyId,
        versionId,
        customerId: customer.id,
        currentStepId: step,
        seq,
      },
    });
    const deps = { db: t.prisma, policy, workerId: name, publicUrl: "http://localhost:3000", sendMaxAttempts: 3 };
    return { enrollment, deps };
  };

  it("runs the same transition once when two jobs for it run at the same time", async () => {
    const { enrollment, deps } = await enrolled("racer", { step: "choose", seq: 1 });
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
    const { enrollment, deps } = await enrolled("late");
    expect(await runStep(deps, withClient, { enrollmentId: enrollment.id, seq: 0 })).toBe("entered");
    expect(await runStep(deps, withClient, { enrollmentId: enrollment.id, seq: 0 })).toBe("stale job");
    expect(await t.prisma.stepExecution.count({ where: { enrollmentId: enrollment.id } })).toBe(1);
  });

  describe("eager dispatch", () => {
    const POOL = "pool-eager-test";
    const lastJobId = async () => {
      const [row] = await t.prisma.$queryRaw<{ n: bigint | null }[]>`
        select pg_sequence_last_value(pg_get_serial_sequence('graphile_worker._private_jobs', 'id')::regclass) as n`;
      return Number(row?.n ?? 0n);
    };
    const jobsOf = (enrollmentId: string) =>
      t.prisma.$queryRaw<
        {
          task: string;
          seq: number | null;
          locked: boolean;
          attempts: number;
          last_error: string | null;
          later: boolean;
        }[]
      >`
        select t.identifier as task, (j.payload->>'seq')::int as seq, j.locked_at is not null as locked, j.attempts,
          j.last_error, j.run_at > now() as later
        from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
        where j.payload->>'enrollmentId' = ${enrollmentId}
          or j.payload->>'messageId' in (select id from "Message" where "enrollmentId" = ${enrollmentId})
        order by j.id`;

    it("runs the steps due next in the same job, each under its own job row that its step deletes", async () => {
      const { enrollment, deps } = await enrolled("eager");
      const before = await lastJobId();

      // The job of the entry step runs entry, the agent and the message, then parks the customer at the wait.
      await runStep(deps, withClient, { enrollmentId: enrollment.id, seq: 0 }, POOL);

      const moved = await t.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } });
      expect([moved.state, moved.currentStepId, moved.seq]).toEqual(["WAITING", "wait", 3]);
      const steps = await t.prisma.stepExecution.findMany({
        where: { enrollmentId: enrollment.id },
        orderBy: { seq: "asc" },
      });
      expect(steps.map((s) => [s.seq, s.stepId])).toEqual([
        [0, "entry"],
        [1, "choose"],
        [2, steps[2]?.stepId],
      ]);
      expect(["msg-a", "msg-b"]).toContain(steps[2]?.stepId);
      expect(await t.prisma.decision.count({ where: { enrollmentId: enrollment.id } })).toBe(1);
      // Left: the send for any worker and the wait's wake-up; none of the eager step jobs, and nothing locked.
      expect(await jobsOf(enrollment.id)).toEqual([
        { task: "send-message", seq: null, locked: false, attempts: 0, last_error: null, later: false },
        { task: "run-step", seq: 3, locked: false, attempts: 0, last_error: null, later: true },
      ]);
      // Each of the three steps after entry had a job row: the agent's, the message's, the wait's (then the send's
      // and the wake-up's).
      expect((await lastJobId()) - before).toBe(5);
    });

    it("writes a message for the built-in outbox delivered with its step, with no send job", async () => {
      const { enrollment, deps } = await enrolled("outbox-send");
      const channels = createChannels(t.prisma, { emailFrom: "n@example.test" });
      const before = await lastJobId();

      await runStep({ ...deps, channels }, withClient, { enrollmentId: enrollment.id, seq: 0 }, POOL);

      const messages = await t.prisma.message.findMany({ where: { enrollmentId: enrollment.id } });
      expect(messages.map((m) => [m.status, m.provider, m.attempts, m.sentAt !== null])).toEqual([
        ["STORED", "outbox", 1, true],
      ]);
      const logged = await t.prisma.stepExecution.findFirstOrThrow({ where: { enrollmentId: enrollment.id, seq: 2 } });
      expect(logged.outcome).toMatch(/^stored email to .\*\*\*@example\.test in the outbox$/);
      // Only the wake-up is left; the jobs were the agent's, the message's, the wait's and the wake-up: no send job.
      expect(await jobsOf(enrollment.id)).toEqual([
        { task: "run-step", seq: 3, locked: false, attempts: 0, last_error: null, later: true },
      ]);
      expect((await lastJobId()) - before).toBe(4);
    });

    it("leaves a send that failed before reaching the provider to graphile-worker's retry, unlocked", async () => {
      const { enrollment, deps } = await enrolled("eager-send-fail");
      const refusing = createChannels(t.prisma, { emailFrom: "n@example.test", smtpUrl: "smtp://127.0.0.1:9" });
      try {
        await runStep({ ...deps, channels: refusing }, withClient, { enrollmentId: enrollment.id, seq: 0 }, POOL);
      } finally {
        await refusing.close();
      }

      const [message] = await t.prisma.message.findMany({ where: { enrollmentId: enrollment.id } });
      expect([message?.status, message?.attempts]).toEqual(["FAILED", 1]);
      const jobs = await jobsOf(enrollment.id);
      expect(jobs.find((j) => j.task === "send-message")).toMatchObject({ locked: false, attempts: 1, later: true });
      expect(jobs.find((j) => j.task === "send-message")?.last_error).toMatch(/failed \(attempt 1\/3\)/);
      // The customer went on regardless: parked at the wait.
      expect((await t.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).state).toBe("WAITING");
    });

    it("leaves a failing step's job unlocked with its error and a backoff, for any worker to retry", async () => {
      const down = { name: "down", choose: async () => Promise.reject(new Error("policy store unreachable")) };
      const { enrollment, deps } = await enrolled("eager-fail", { policy: down });

      // The entry step's own job succeeds: its step is done.
      expect(await runStep(deps, withClient, { enrollmentId: enrollment.id, seq: 0 }, POOL)).toBe("entered");

      const moved = await t.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } });
      expect([moved.state, moved.currentStepId, moved.seq]).toEqual(["ACTIVE", "choose", 1]);
      expect(await jobsOf(enrollment.id)).toEqual([
        { task: "run-step", seq: 1, locked: false, attempts: 1, last_error: "policy store unreachable", later: true },
      ]);

      // Retried by a plain worker once due, with the policy back, it carries on from the agent.
      await t.prisma
        .$executeRaw`update graphile_worker._private_jobs set run_at = now() where payload->>'enrollmentId' = ${enrollment.id}`;
      const runner = await run({
        connectionString: t.url,
        concurrency: 1,
        noHandleSignals: true,
        logger: new Logger(() => () => {}),
        taskList: runtimeTaskList({
          ...deps,
          policy: uniformRandomPolicy(),
          channels: createChannels(t.prisma, { emailFrom: "n@example.test" }),
        }),
      });
      try {
        await expect
          .poll(async () => (await t.prisma.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).state, {
            timeout: 15_000,
          })
          .toBe("WAITING");
      } finally {
        await runner.stop();
      }
      expect(await t.prisma.stepExecution.count({ where: { enrollmentId: enrollment.id } })).toBe(3);
    });
  });
});
