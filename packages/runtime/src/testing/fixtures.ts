import { createJourney, createObjective, createWriteKey, type DomainContext, publishVersion } from "@northstar/core";
import type { Prisma, PrismaClient } from "@northstar/db";
import { createUser, createWorkspace } from "@northstar/db/testing";
import type { GuardrailsOverride, JourneyDefinition } from "@northstar/journey";

/**
 * A workspace with an admin, an objective measured by `goalEvent` and a write key. Its guardrails are the defaults
 * without quiet hours unless `guardrails` says otherwise, so a test's sends do not depend on the hour it runs at.
 */
export async function runtimeWorkspace(
  db: PrismaClient,
  goalEvent = "purchase",
  guardrails: GuardrailsOverride = { quietHours: null },
) {
  const created = await createWorkspace(db);
  const workspace = await db.workspace.update({ where: { id: created.id }, data: { guardrails } });
  const admin = await createUser(db, { workspaceId: workspace.id, role: "ADMIN" });
  const ctx: DomainContext = { db, actor: { userId: admin.id, workspaceId: workspace.id, role: "ADMIN" } };
  const objective = await createObjective(ctx, {
    name: "Purchases",
    metric: { event: goalEvent, aggregation: "count", windowDays: 14, direction: "increase" },
  });
  const key = await createWriteKey(ctx, { name: "test" });
  return { workspace, admin, ctx, objective, writeKey: key.secret };
}

/** Creates and publishes a journey; returns its id and the published version id. */
export async function publishJourney(
  ctx: DomainContext,
  objectiveId: string,
  definition: JourneyDefinition,
  name = "Runtime journey",
) {
  const journey = await createJourney(ctx, { name, objectiveId, definition });
  const version = await ctx.db.journeyVersion.findFirstOrThrow({ where: { journeyId: journey.id, number: 1 } });
  await publishVersion(ctx, version.id);
  return { journeyId: journey.id, versionId: version.id };
}

export function basicAuth(writeKey: string): string {
  return `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;
}

export async function post(baseUrl: string, path: string, writeKey: string | null, body: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(writeKey ? { authorization: basicAuth(writeKey) } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const DAY_MS = 86_400_000;

/**
 * A customer waiting in a published journey (`setup`, as core's `publishedJourney` returns it) with the logged
 * decisions given, each made `daysAgo` with its attribution window from the plan's objective; as the runtime
 * writes them, for tests of what happens once their outcomes come in.
 */
export async function customerWithDecisions(
  db: PrismaClient,
  setup: { workspaceId: string; journeyId: string; versionId: string; plan: { objective: { metric: unknown } } },
  externalId: string,
  decisions: { stepId: string; daysAgo: number; edgeId?: string; features?: Record<string, unknown> }[],
) {
  const { workspaceId, journeyId, versionId } = setup;
  const customer = await db.customer.create({ data: { workspaceId, externalId } });
  const enrollment = await db.enrollment.create({
    data: { workspaceId, journeyId, versionId, customerId: customer.id, state: "WAITING", currentStepId: "wait-day" },
  });
  const windowDays = (setup.plan.objective.metric as { windowDays: number }).windowDays;
  const rows = [];
  for (const [seq, d] of decisions.entries()) {
    const createdAt = new Date(Date.now() - d.daysAgo * DAY_MS);
    rows.push(
      await db.decision.create({
        data: {
          workspaceId,
          enrollmentId: enrollment.id,
          journeyId,
          versionId,
          stepId: d.stepId,
          seq: seq + 1,
          customerId: customer.id,
          policy: "learning",
          candidates: [{ edgeId: d.edgeId ?? "choose-email", label: "Email" }],
          scores: {},
          chosenEdgeId: d.edgeId ?? "choose-email",
          explore: false,
          confidence: 0.8,
          rationale: "",
          features: (d.features ?? { plan: "trial" }) as Prisma.InputJsonValue,
          createdAt,
          attributionEndsAt: new Date(createdAt.getTime() + windowDays * DAY_MS),
        },
      }),
    );
  }
  return { customer, rows };
}
