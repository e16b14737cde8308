import { uniformRandomPolicy } from "@northstar/engine";
import { defineJourney, edge, entryNode, goalNode, messageNode } from "@northstar/journey/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxAdapter } from "./channels/channel";
import { runStep } from "./execute/run-step";
import { createStepDatabase, publishJourney, runtimeWorkspace, type StepDatabase } from "./testing";

/** entry -> one marketing email (template) -> goal. */
const emailJourney = (text: string) =>
  defineJourney(
    [
      entryNode("entry", { holdoutShare: 0 }),
      messageNode("email", {
        channel: "email",
        purpose: "marketing",
        content: {
          mode: "template",
          templateId: "race",
          version: 1,
          subject: "Hello",
          body: `<p>${text}</p><p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>`,
          variables: {},
        },
      }),
      goalNode("goal"),
    ],
    [edge("entry-email", "entry", "email"), edge("email-goal", "email", "goal")],
  );

const ROUNDS = 30;

/**
 * Two journeys stepping one customer at the same instant, each about to send the email that the other's would
 * make one too many: a customer's sends take turns (apply-outcome's customer turn), so the cap holds every time.
 */
describe("frequency caps across journeys under concurrency", () => {
  let db: StepDatabase;

  beforeAll(async () => {
    db = await createStepDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it(`never sends more than the cap when two journeys race on one customer (${ROUNDS} races)`, async () => {
    const t = db.t;
    const { ctx, objective } = await runtimeWorkspace(t.prisma, "purchase", {
      quietHours: null,
      frequencyCaps: [{ channel: "email", max: 1, windowHours: 24 }],
    });
    const journeys = [
      await publishJourney(ctx, objective.id, emailJourney("welcome aboard."), "First"),
      await publishJourney(ctx, objective.id, emailJourney("one more thing."), "Second"),
    ];
    const deps = {
      db: t.prisma,
      policy: uniformRandomPolicy(),
      workerId: "cap-race",
      publicUrl: "http://localhost:3000",
      sendMaxAttempts: 3,
      channels: { adapters: { email: outboxAdapter }, close: () => undefined },
    };
    const outcomes: string[][] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const customer = await t.prisma.customer.create({
        data: {
          workspaceId: ctx.actor.workspaceId,
          email: `race-${round}@example.test`,
          traits: {},
          consent: { email: true },
          timeZone: "UTC",
        },
      });
      const enrollments = await Promise.all(
        journeys.map((journey) =>
          t.prisma.enrollment.create({
            data: {
              workspaceId: ctx.actor.workspaceId,
              ...journey,
              customerId: customer.id,
              currentStepId: "email",
              seq: 1,
            },
          }),
        ),
      );
      outcomes.push(
        await Promise.all(enrollments.map((e) => runStep(deps, db.withClient, { enrollmentId: e.id, seq: 1 }))),
      );
      const sent = await t.prisma.message.count({ where: { customerId: customer.id } });
      expect(sent, `round ${round}: ${outcomes.at(-1)?.join(" / ")}`).toBe(1);
      const blocks = await t.prisma.guardrailBlockLog.findMany({ where: { customerId: customer.id } });
      expect(blocks.map((b) => b.code)).toEqual(["FREQUENCY_CAP"]);
    }
    // Every race ended with one send and one skip, whichever journey won.
    for (const pair of outcomes) {
      expect(pair.filter((o) => o.startsWith("stored email")).length).toBe(1);
      expect(pair.filter((o) => o === "blocked: FREQUENCY_CAP").length).toBe(1);
    }
  });
});
