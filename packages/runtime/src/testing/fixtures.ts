import { createJourney, createObjective, createWriteKey, type DomainContext, publishVersion } from "@northstar/core";
import type { PrismaClient } from "@northstar/db";
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
