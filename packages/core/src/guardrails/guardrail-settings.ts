import type { Prisma } from "@northstar/db";
import {
  type Guardrails,
  type GuardrailsOverride,
  guardrailsOverrideSchema,
  guardrailsSchema,
  resolveGuardrails,
} from "@northstar/journey";
import { recordAudit } from "../audit/audit";
import { AppError } from "../errors/app-error";
import { parseWorkspaceGuardrails } from "../journeys/compile-version";
import type { DomainContext } from "../workspace/scope";

/** The workspace's global guardrails: what is stored, over the defaults. */
export async function getGlobalGuardrails(ctx: DomainContext): Promise<Guardrails> {
  const workspace = await ctx.db.workspace.findUniqueOrThrow({
    where: { id: ctx.actor.workspaceId },
    select: { guardrails: true },
  });
  return parseWorkspaceGuardrails(workspace.guardrails);
}

/** Replaces the global guardrails (every field; the form always sends all of them). Published plans keep theirs. */
export async function updateGlobalGuardrails(ctx: DomainContext, input: Guardrails): Promise<Guardrails> {
  const next = guardrailsSchema.parse(input);
  const before = await getGlobalGuardrails(ctx);
  await ctx.db.$transaction(async (tx) => {
    await tx.workspace.update({
      where: { id: ctx.actor.workspaceId },
      data: { guardrails: next as unknown as Prisma.InputJsonValue },
    });
    await recordAudit(tx, ctx.actor, {
      action: "guardrails.update",
      entityType: "workspace",
      entityId: ctx.actor.workspaceId,
      summary: `Updated the global guardrails (${changedFields(before, next).join(", ") || "no change"})`,
      changes: { before, after: next } as unknown as Prisma.InputJsonValue,
    });
  });
  return next;
}

export interface JourneyGuardrails {
  journeyId: string;
  journeyName: string;
  override: GuardrailsOverride;
  global: Guardrails;
  /** What the journey's next compiled plan will run under. */
  effective: Guardrails;
}

async function findJourney(ctx: DomainContext, journeyId: string) {
  const journey = await ctx.db.journey.findFirst({
    where: { id: journeyId, workspaceId: ctx.actor.workspaceId },
    select: { id: true, name: true, guardrailOverrides: true },
  });
  if (!journey) throw AppError.notFound("Journey", journeyId);
  return journey;
}

export async function getJourneyGuardrails(ctx: DomainContext, journeyId: string): Promise<JourneyGuardrails> {
  const [journey, global] = await Promise.all([findJourney(ctx, journeyId), getGlobalGuardrails(ctx)]);
  const override = guardrailsOverrideSchema.parse(journey.guardrailOverrides ?? {});
  return { journeyId, journeyName: journey.name, override, global, effective: resolveGuardrails(global, override) };
}

/** Replaces a journey's override; fields left out inherit the global value. Applies from the next published version. */
export async function updateJourneyGuardrails(
  ctx: DomainContext,
  journeyId: string,
  input: GuardrailsOverride,
): Promise<JourneyGuardrails> {
  const override = guardrailsOverrideSchema.parse(input);
  const journey = await findJourney(ctx, journeyId);
  await ctx.db.$transaction(async (tx) => {
    await tx.journey.update({
      where: { id: journeyId },
      data: { guardrailOverrides: override as unknown as Prisma.InputJsonValue },
    });
    await recordAudit(tx, ctx.actor, {
      action: "guardrails.override",
      entityType: "journey",
      entityId: journeyId,
      journeyId,
      summary: `Set guardrail overrides of "${journey.name}" (${Object.keys(override).join(", ") || "none"})`,
      changes: { before: journey.guardrailOverrides, after: override } as unknown as Prisma.InputJsonValue,
    });
  });
  return getJourneyGuardrails(ctx, journeyId);
}

function changedFields(before: Guardrails, after: Guardrails): string[] {
  return (Object.keys(after) as (keyof Guardrails)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}
