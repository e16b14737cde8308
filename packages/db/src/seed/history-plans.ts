import { compile, DEFAULT_GUARDRAILS, guardrailsOverrideSchema, guardrailsSchema } from "@northstar/journey";
import type { Prisma, PrismaClient } from "../generated/prisma/client";

/**
 * Gives every published or superseded version of the workspace that has no execution plan the plan publishing would
 * have stored (compiled against its objective and the workspace's guardrails), so that the seeded live journeys run
 * like ones published in the app. A version that does not compile is a broken seed: it throws.
 */
export async function compileMissingPlans(prisma: PrismaClient, workspaceId: string): Promise<number> {
  const ws = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { guardrails: true } });
  const global = guardrailsSchema.parse({
    ...DEFAULT_GUARDRAILS,
    ...guardrailsOverrideSchema.parse(ws.guardrails ?? {}),
  });
  const versions = await prisma.journeyVersion.findMany({
    where: { workspaceId, state: { in: ["PUBLISHED", "SUPERSEDED"] }, planHash: null },
    include: { journey: { include: { objective: true } } },
  });
  for (const version of versions) {
    const { objective, guardrailOverrides } = version.journey;
    const { plan, diagnostics } = compile(version.definition, {
      objective: { id: objective.id, name: objective.name, metric: objective.metric as never },
      guardrails: { global, override: guardrailsOverrideSchema.parse(guardrailOverrides ?? {}) },
    });
    if (!plan) {
      const errors = diagnostics.map((d) => d.message).join("; ");
      throw new Error(`Seeded v${version.number} of "${version.journey.name}" does not compile: ${errors}`);
    }
    await prisma.journeyVersion.update({
      where: { id: version.id },
      data: { plan: plan as unknown as Prisma.InputJsonValue, planHash: plan.hash },
    });
  }
  return versions.length;
}
