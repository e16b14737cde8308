import type { JourneyStatus, Prisma } from "@northstar/db";
import { createEmptyDefinition } from "@northstar/journey";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { AppError } from "../errors/app-error";
import { refuseUnstorable } from "../runtime/storable-json";
import { loadUserRefs } from "../workspace/users";
import type { DomainContext } from "../workspace/scope";
import { draftDefinitionSchema } from "./draft-definition";
import { lockJourney } from "./journey-lock";
import { type JourneySummary, toJourneySummary } from "./views";

const tagSchema = z.string().trim().min(1).max(40).superRefine(refuseUnstorable);

export const CreateJourneyInput = z.object({
  name: z.string().trim().min(1, "is required").max(120).superRefine(refuseUnstorable),
  objectiveId: z.string().min(1, "choose the objective this journey must move"),
  description: z.string().trim().max(2000).superRefine(refuseUnstorable).default(""),
  tags: z.array(tagSchema).max(20).default([]),
  /** A starting graph (template or import); empty when absent. */
  definition: draftDefinitionSchema.optional(),
});

export const ListJourneysInput = z
  .object({
    status: z.enum(["DRAFT", "LIVE", "PAUSED", "ARCHIVED"]).optional(),
    objectiveId: z.string().optional(),
    ownerId: z.string().optional(),
    tag: tagSchema.optional(),
    search: z.string().trim().max(120).optional(),
  })
  .default({});

const journeyInclude = { objective: { select: { id: true, name: true } } } as const;

async function findJourney(ctx: DomainContext, id: string) {
  const row = await ctx.db.journey.findFirst({
    where: { id, workspaceId: ctx.actor.workspaceId },
    include: journeyInclude,
  });
  if (!row) throw AppError.notFound("Journey", id);
  return row;
}

async function summary(ctx: DomainContext, id: string): Promise<JourneySummary> {
  const row = await findJourney(ctx, id);
  return toJourneySummary(row, await loadUserRefs(ctx.db, [row.ownerId]));
}

export async function requireActiveObjective(ctx: DomainContext, objectiveId: string) {
  const objective = await ctx.db.objective.findFirst({
    where: { id: objectiveId, workspaceId: ctx.actor.workspaceId },
  });
  if (!objective || objective.archivedAt) {
    throw new AppError("BAD_REQUEST", `Objective ${objectiveId} is not an active objective of this workspace`, {
      userMessage: "Choose one of the workspace's objectives",
      details: { fieldErrors: { objectiveId: ["is not an active objective of this workspace"] } },
    });
  }
  return objective;
}

/** Objective first: a journey cannot exist without the objective it must move. Starts with draft version 1. */
export async function createJourney(ctx: DomainContext, input: z.input<typeof CreateJourneyInput>) {
  const data = CreateJourneyInput.parse(input);
  await requireActiveObjective(ctx, data.objectiveId);
  const id = await ctx.db.$transaction(async (tx) => {
    const journey = await tx.journey.create({
      data: {
        workspaceId: ctx.actor.workspaceId,
        name: data.name,
        description: data.description,
        tags: data.tags,
        objectiveId: data.objectiveId,
        ownerId: ctx.actor.userId,
        versions: {
          create: {
            workspaceId: ctx.actor.workspaceId,
            number: 1,
            definition: (data.definition ?? createEmptyDefinition()) as Prisma.InputJsonValue,
            createdById: ctx.actor.userId,
            updatedById: ctx.actor.userId,
          },
        },
      },
    });
    await recordAudit(tx, ctx.actor, {
      action: "journey.create",
      entityType: "journey",
      entityId: journey.id,
      journeyId: journey.id,
      summary: `Created journey "${journey.name}"`,
      changes: { objectiveId: data.objectiveId, nodes: data.definition?.nodes.length ?? 0 },
    });
    return journey.id;
  });
  return summary(ctx, id);
}

export async function listJourneys(ctx: DomainContext, input: z.input<typeof ListJourneysInput> = {}) {
  const filter = ListJourneysInput.parse(input);
  const rows = await ctx.db.journey.findMany({
    where: {
      workspaceId: ctx.actor.workspaceId,
      status: filter.status ?? { not: "ARCHIVED" },
      ...(filter.objectiveId ? { objectiveId: filter.objectiveId } : {}),
      ...(filter.ownerId ? { ownerId: filter.ownerId } : {}),
      ...(filter.tag ? { tags: { has: filter.tag } } : {}),
      ...(filter.search ? { name: { contains: filter.search, mode: "insensitive" as const } } : {}),
    },
    include: journeyInclude,
    orderBy: { updatedAt: "desc" },
  });
  const users = await loadUserRefs(
    ctx.db,
    rows.map((r) => r.ownerId),
  );
  return rows.map((r) => toJourneySummary(r, users));
}

export const getJourney = summary;

export async function updateJourneyDetails(
  ctx: DomainContext,
  input: { journeyId: string; name?: string; description?: string; tags?: string[] },
) {
  const before = await findJourney(ctx, input.journeyId);
  if (before.status === "ARCHIVED") throw new AppError("PRECONDITION_FAILED", "Archived journeys cannot be edited");
  const patch = z
    .object({
      name: z.string().trim().min(1, "is required").max(120).optional(),
      description: z.string().trim().max(2000).optional(),
      tags: z.array(tagSchema).max(20).optional(),
    })
    .parse(input);
  await ctx.db.$transaction(async (tx) => {
    await tx.journey.update({ where: { id: before.id }, data: patch });
    const renamed = patch.name !== undefined && patch.name !== before.name;
    await recordAudit(tx, ctx.actor, {
      action: renamed ? "journey.rename" : "journey.update",
      entityType: "journey",
      entityId: before.id,
      journeyId: before.id,
      summary: renamed ? `Renamed "${before.name}" to "${patch.name}"` : `Updated details of "${before.name}"`,
      changes: { before: { name: before.name, description: before.description, tags: before.tags }, after: patch },
    });
  });
  return summary(ctx, before.id);
}

export async function setJourneyStatus(
  ctx: DomainContext,
  journeyId: string,
  status: Extract<JourneyStatus, "ARCHIVED">,
) {
  const before = await findJourney(ctx, journeyId);
  if (before.status === status) return summary(ctx, journeyId);
  await ctx.db.$transaction(async (tx) => {
    await lockJourney(tx, journeyId);
    await tx.journey.update({ where: { id: journeyId }, data: { status, archivedAt: new Date() } });
    await tx.journeyVersion.updateMany({
      where: { journeyId, state: { in: ["DRAFT", "PENDING_APPROVAL", "PUBLISHED"] } },
      data: { state: "ARCHIVED" },
    });
    await tx.publicationRequest.updateMany({
      where: { version: { journeyId }, status: "PENDING" },
      data: { status: "WITHDRAWN", decidedAt: new Date() },
    });
    await recordAudit(tx, ctx.actor, {
      action: "journey.archive",
      entityType: "journey",
      entityId: journeyId,
      journeyId,
      summary: `Archived journey "${before.name}" (was ${before.status})`,
      changes: { before: before.status, after: status },
    });
  });
  return summary(ctx, journeyId);
}
