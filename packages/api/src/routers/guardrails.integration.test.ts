import { DEFAULT_GUARDRAILS } from "@northstar/journey";
import { createTestDatabase, createUser, createWorkspace, type TestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor } from "../testing/callers";

const metric = { event: "Order Completed", aggregation: "count", windowDays: 14, direction: "increase" } as const;

describe("objectives and guardrails administration", () => {
  let t: TestDatabase;
  let admin: { id: string };
  let marketer: { id: string };

  beforeAll(async () => {
    t = await createTestDatabase();
    const acme = await createWorkspace(t.prisma, { name: "Acme" });
    admin = await createUser(t.prisma, { workspaceId: acme.id, role: "ADMIN" });
    marketer = await createUser(t.prisma, { workspaceId: acme.id, role: "MARKETER" });
  });
  afterAll(() => t?.drop());

  it("updates and archives an objective, audited, admins only", async () => {
    const api = callerFor(t.prisma, admin.id);
    const created = await api.objective.create({ name: "Repeat purchase", metric });
    const updated = await api.objective.update({
      id: created.id,
      objective: {
        name: "Revenue",
        metric: { ...metric, aggregation: "sum", property: "revenue", windowDays: 30 },
        negativeSignals: [{ event: "Unsubscribed", weight: 2 }],
      },
    });
    expect(updated).toMatchObject({
      name: "Revenue",
      metric: { aggregation: "sum", property: "revenue", windowDays: 30 },
    });
    expect(updated.negativeSignals).toEqual([{ event: "Unsubscribed", weight: 2 }]);
    await expect(
      api.objective.update({
        id: created.id,
        objective: { name: "Revenue", metric: { ...metric, aggregation: "sum" } },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      callerFor(t.prisma, marketer.id).objective.update({ id: created.id, objective: { name: "X", metric } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    expect((await api.objective.archive({ id: created.id })).archived).toBe(true);
    expect(await api.objective.list()).toEqual([]);
    expect((await api.objective.archive({ id: created.id, archived: false })).archived).toBe(false);
    const actions = (
      await t.prisma.auditEntry.findMany({ where: { entityId: created.id }, orderBy: { createdAt: "asc" } })
    ).map((a) => a.action);
    expect(actions).toEqual(["objective.create", "objective.update", "objective.archive", "objective.restore"]);
  });

  it("reads and updates global guardrails; members read, admins write", async () => {
    const api = callerFor(t.prisma, admin.id);
    expect(await callerFor(t.prisma, marketer.id).guardrails.global()).toEqual(DEFAULT_GUARDRAILS);
    const next = { ...DEFAULT_GUARDRAILS, frequencyCaps: [{ channel: "email" as const, max: 2, windowHours: 72 }] };
    expect(await api.guardrails.updateGlobal(next)).toEqual(next);
    expect(await callerFor(t.prisma, marketer.id).guardrails.global()).toEqual(next);
    await expect(callerFor(t.prisma, marketer.id).guardrails.updateGlobal(next)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(api.guardrails.updateGlobal({ ...next, holdoutShare: 0.9 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { action: "guardrails.update" } });
    expect(audit.summary).toBe("Updated the global guardrails (frequencyCaps)");
  });

  it("overrides guardrails per journey over the global ones", async () => {
    const api = callerFor(t.prisma, admin.id);
    const objective = await api.objective.create({ name: "Activation", metric });
    const journey = await api.journey.create({ name: "Welcome", objectiveId: objective.id });
    const result = await api.guardrails.updateJourney({
      journeyId: journey.id,
      override: { frequencyCaps: [{ channel: "sms", max: 1, windowHours: 24 }], quietHours: null },
    });
    expect(result.effective.quietHours).toBeNull();
    expect(result.effective.frequencyCaps).toEqual([
      { channel: "email", max: 2, windowHours: 72 },
      { channel: "sms", max: 1, windowHours: 24 },
    ]);
    expect((await callerFor(t.prisma, marketer.id).guardrails.journey({ journeyId: journey.id })).override).toEqual(
      result.override,
    );
    const audit = await t.prisma.auditEntry.findFirstOrThrow({ where: { action: "guardrails.override" } });
    expect(audit.journeyId).toBe(journey.id);
  });
});
