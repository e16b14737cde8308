import type { PrismaClient } from "@northstar/db";
import { createUser, createWorkspace } from "@northstar/db/testing";
import type { GuardrailsOverride, JourneyDefinition } from "@northstar/journey";
import { buildJourney } from "@northstar/journey/testing";
import { createJourney } from "../journeys/journey-service";
import { publishVersion } from "../journeys/publication-service";
import { createObjective } from "../objectives/objectives";
import { loadPlan } from "../runtime/plans";
import type { DomainContext } from "../workspace/scope";

/**
 * Integration-test fixture: a workspace with `guardrails`, whose objective counts "purchase" over 14 days with
 * "Unsubscribed" as a negative signal (weight 0.5), and a published journey (default packages/journey buildJourney).
 */
export async function publishedJourney(
  db: PrismaClient,
  guardrails: GuardrailsOverride = {},
  definition: JourneyDefinition = buildJourney(),
) {
  const workspace = await createWorkspace(db);
  await db.workspace.update({ where: { id: workspace.id }, data: { guardrails } });
  const admin = await createUser(db, { workspaceId: workspace.id, role: "ADMIN" });
  const ctx: DomainContext = { db, actor: { userId: admin.id, workspaceId: workspace.id, role: "ADMIN" } };
  const objective = await createObjective(ctx, {
    name: "Purchases",
    metric: { event: "purchase", aggregation: "count", windowDays: 14, direction: "increase" },
    negativeSignals: [{ event: "Unsubscribed", weight: 0.5 }],
  });
  const journey = await createJourney(ctx, { name: "Welcome", objectiveId: objective.id, definition });
  const version = await db.journeyVersion.findFirstOrThrow({ where: { journeyId: journey.id } });
  await publishVersion(ctx, version.id);
  const loaded = await loadPlan(db, version.id);
  return { workspaceId: workspace.id, journeyId: journey.id, versionId: version.id, plan: loaded.plan };
}
