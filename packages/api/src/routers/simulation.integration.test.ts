import { createObjective, createJourney, type DomainContext } from "@northstar/core";
import { createTestDatabase, createUser, createWorkspace, type TestDatabase } from "@northstar/db/testing";
import { DEFAULT_GUARDRAILS } from "@northstar/journey";
import { buildJourney } from "@northstar/journey/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, callHttp } from "../testing/callers";

describe("simulation router", () => {
  let t: TestDatabase;
  let admin: { id: string };
  let marketer: { id: string };
  let stranger: { id: string };
  let journeyId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    const acme = await createWorkspace(t.prisma, { name: "Acme" });
    admin = await createUser(t.prisma, { workspaceId: acme.id, role: "ADMIN" });
    marketer = await createUser(t.prisma, { workspaceId: acme.id, role: "MARKETER" });
    const other = await createWorkspace(t.prisma, { name: "Other" });
    stranger = await createUser(t.prisma, { workspaceId: other.id, role: "ADMIN" });
    const ctx: DomainContext = { db: t.prisma, actor: { userId: admin.id, workspaceId: acme.id, role: "ADMIN" } };
    const objective = await createObjective(ctx, {
      name: "Activation",
      metric: { event: "report_created", aggregation: "count", windowDays: 14, direction: "increase" },
    });
    journeyId = (await createJourney(ctx, { name: "Trial", objectiveId: objective.id, definition: buildJourney() })).id;
  });
  afterAll(() => t?.drop());

  it("refuses a population size and horizon out of range, naming the fields", async () => {
    const context = { db: t.prisma, session: { userId: marketer.id }, requestedWorkspaceId: null };
    const { status, body } = await callHttp(context, "simulation.start", {
      journeyId,
      population: { kind: "synthetic", size: 100_001 },
      horizonDays: 366,
    });
    expect(status).toBe(400);
    const fields = body.error?.json?.data.fieldErrors ?? {};
    expect(fields["population.size"]).toEqual(["size must be at most 100,000"]);
    expect(fields.horizonDays).toEqual(["horizonDays must be at most 365"]);
  });

  it("refuses anonymous callers and members of other workspaces", async () => {
    const input = { journeyId, population: { kind: "synthetic" as const, size: 10 }, horizonDays: 1 };
    await expect(callerFor(t.prisma, null).simulation.start(input)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(callerFor(t.prisma, stranger.id).simulation.start(input)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(callerFor(t.prisma, stranger.id).simulation.latest({ journeyId })).resolves.toEqual({
      latest: null,
      previous: null,
    });
  });

  it("lets a marketer start a simulation only once the worker installed the queue", async () => {
    await expect(
      callerFor(t.prisma, marketer.id).simulation.start({
        journeyId,
        population: { kind: "synthetic", size: 10 },
        horizonDays: 1,
      }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(await t.prisma.simulation.count()).toBe(0);
  });

  it("keeps the guardrail dry run to admins and reports nothing without live journeys", async () => {
    await expect(
      callerFor(t.prisma, marketer.id).simulation.guardrailDryRun({ proposed: DEFAULT_GUARDRAILS }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      callerFor(t.prisma, admin.id).simulation.guardrailDryRun({ proposed: DEFAULT_GUARDRAILS }),
    ).resolves.toEqual([]);
  });
});
