import { enqueue, ingestCalls, stepJobKey, TASKS } from "@northstar/core";
import type { Prisma } from "@northstar/db";
import type { TestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processEvents } from "./events/process-events";
import { clickJourneyDatabase, type StepDatabase } from "./testing";

/**
 * An event processed while the run-step job holds the enrollment and moves it on: once the step commits, the
 * event's update must not act on the wait or the outcome it read before.
 */
describe("processEvents racing a step", () => {
  let database: StepDatabase;
  let t: TestDatabase;
  let setup: Awaited<ReturnType<typeof clickJourneyDatabase>>["setup"];
  let n = 0;

  beforeAll(async () => {
    ({ database, setup } = await clickJourneyDatabase());
    t = database.t;
  });
  afterAll(async () => {
    await database?.close();
  });

  /** A customer enrolled and waiting for the click at seq 3. */
  async function waitingEnrollment() {
    const userId = `u${++n}`;
    await ingestCalls(t.prisma, setup.workspace.id, [
      { type: "identify", userId, traits: { email: `${userId}@example.test` }, messageId: `${userId}-id` },
      { type: "track", userId, event: "signed_up", properties: { plan: "trial" }, messageId: `${userId}-su` },
    ]);
    const events = await t.prisma.event.findMany({ where: { userId }, orderBy: { messageId: "asc" } });
    await processEvents(
      { db: t.prisma },
      database.withClient,
      events.map((e) => e.id),
    );
    const customer = await t.prisma.customer.findFirstOrThrow({ where: { externalId: userId } });
    const enrollment = await t.prisma.enrollment.findFirstOrThrow({ where: { customerId: customer.id } });
    return t.prisma.enrollment.update({
      where: { id: enrollment.id },
      data: { state: "WAITING", currentStepId: "wait-click", waitingFor: "Email Link Clicked", seq: 3 },
    });
  }

  /** Waits until `n` transactions of this database are blocked on a lock. */
  const lockWaiters = (n: number) =>
    expect
      .poll(
        async () =>
          (
            await t.prisma.$queryRaw<{ n: bigint }[]>`
              select count(*) as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'`
          )[0]?.n,
        { timeout: 10_000, interval: 20 },
      )
      .toBe(BigInt(n));

  /** Processes `event` while another transaction holds the enrollment row and applies `move` before releasing it. */
  async function processWhileLocked(
    userId: string,
    enrollmentId: string,
    event: string,
    move: (tx: Prisma.TransactionClient) => Promise<void>,
  ) {
    await ingestCalls(t.prisma, setup.workspace.id, [
      { type: "track", userId, event, messageId: `${userId}-${event}` },
    ]);
    const stored = await t.prisma.event.findFirstOrThrow({ where: { userId, name: event } });
    let processing: Promise<number> | undefined;
    await t.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`select 1 from "Enrollment" where "id" = ${enrollmentId} for update`;
        processing = processEvents({ db: t.prisma }, database.withClient, [stored.id]);
        // Wait until the event's transaction is blocked on the row, i.e. it has read the enrollment as it was.
        await lockWaiters(1);
        await move(tx);
      },
      { timeout: 20_000 },
    );
    expect(await processing).toBe(1);
  }

  const stepJob = async (enrollmentId: string) =>
    (
      await t.prisma.$queryRaw<{ payload: { seq: number } }[]>`
        select payload from graphile_worker._private_jobs where key = ${stepJobKey(enrollmentId)}`
    )[0]?.payload;

  it("does not resume a wait that timed out meanwhile, nor replace its next step job", async () => {
    const e = await waitingEnrollment();
    const userId = `u${n}`;
    await processWhileLocked(userId, e.id, "Email Link Clicked", async (tx) => {
      // The timeout fired: the step moved the customer on (seq 4) and queued the next step.
      await tx.enrollment.update({
        where: { id: e.id },
        data: { state: "ACTIVE", currentStepId: "timeout-exit", waitingFor: null, seq: 4 },
      });
      await enqueue(tx, TASKS.runStep, { enrollmentId: e.id, seq: 4 }, { jobKey: stepJobKey(e.id) });
    });
    const after = await t.prisma.enrollment.findUniqueOrThrow({ where: { id: e.id } });
    expect(after).toMatchObject({ state: "ACTIVE", seq: 4, resumedBy: null });
    expect(await stepJob(e.id)).toMatchObject({ seq: 4 });
  });

  it("keeps the outcome of an enrollment that finished meanwhile, and moves seq on when it exits one", async () => {
    const e = await waitingEnrollment();
    const userId = `u${n}`;
    await processWhileLocked(userId, e.id, "purchase", async (tx) => {
      await tx.enrollment.update({
        where: { id: e.id },
        data: { state: "EXITED", exitReason: "expired", waitingFor: null, seq: 4, finishedAt: new Date(0) },
      });
    });
    expect(await t.prisma.enrollment.findUniqueOrThrow({ where: { id: e.id } })).toMatchObject({
      state: "EXITED",
      exitReason: "expired",
      seq: 4,
      finishedAt: new Date(0),
    });

    const open = await waitingEnrollment();
    await ingestCalls(t.prisma, setup.workspace.id, [
      { type: "track", userId: `u${n}`, event: "purchase", messageId: `u${n}-buy` },
    ]);
    const buy = await t.prisma.event.findFirstOrThrow({ where: { userId: `u${n}`, name: "purchase" } });
    await processEvents({ db: t.prisma }, database.withClient, [buy.id]);
    expect(await t.prisma.enrollment.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({
      state: "COMPLETED",
      exitReason: "goal",
      seq: 4,
    });
  });

  it("enrolls a customer once when two jobs process two of its entry events at the same time", async () => {
    const userId = `u${++n}`;
    await ingestCalls(t.prisma, setup.workspace.id, [
      { type: "identify", userId, traits: { email: `${userId}@example.test` }, messageId: `${userId}-id` },
    ]);
    const identify = await t.prisma.event.findFirstOrThrow({ where: { userId } });
    await processEvents({ db: t.prisma }, database.withClient, [identify.id]);
    await ingestCalls(t.prisma, setup.workspace.id, [
      { type: "track", userId, event: "signed_up", properties: { plan: "trial" }, messageId: `${userId}-su1` },
      { type: "track", userId, event: "signed_up", properties: { plan: "trial" }, messageId: `${userId}-su2` },
    ]);
    const [first, second] = await t.prisma.event.findMany({ where: { userId, name: "signed_up" } });
    let jobs: Promise<number[]> | undefined;
    // Both jobs are held at the customer's row, then released together.
    await t.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`select 1 from "Customer" where "externalId" = ${userId} for update`;
        jobs = Promise.all(
          [first, second].map((event) => processEvents({ db: t.prisma }, database.withClient, [event?.id ?? ""])),
        );
        await lockWaiters(2);
      },
      { timeout: 20_000 },
    );
    expect(await jobs).toEqual([1, 1]);
    const customer = await t.prisma.customer.findFirstOrThrow({ where: { externalId: userId } });
    expect(await t.prisma.enrollment.count({ where: { customerId: customer.id } })).toBe(1);
  });
});
