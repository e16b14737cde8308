import { Prisma } from "@northstar/db";
import { AppError } from "../errors/app-error";
import { recordAudit } from "../audit/audit";
import type { DomainContext } from "../workspace/scope";
import { NegativeSignalSchema, type ObjectiveInput, ObjectiveInputSchema, ObjectiveMetricSchema } from "./schema";
import { z } from "zod";

export interface ObjectiveView {
  id: string;
  name: string;
  description: string;
  metric: z.infer<typeof ObjectiveMetricSchema>;
  negativeSignals: z.infer<typeof NegativeSignalSchema>[];
  archived: boolean;
  createdAt: Date;
}

function toView(row: {
  id: string;
  name: string;
  description: string;
  metric: unknown;
  negativeSignals: unknown;
  archivedAt: Date | null;
  createdAt: Date;
}): ObjectiveView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    metric: ObjectiveMetricSchema.parse(row.metric),
    negativeSignals: z.array(NegativeSignalSchema).parse(row.negativeSignals),
    archived: row.archivedAt !== null,
    createdAt: row.createdAt,
  };
}

export async function listObjectives(ctx: DomainContext, opts: { includeArchived?: boolean } = {}) {
  const rows = await ctx.db.objective.findMany({
    where: { workspaceId: ctx.actor.workspaceId, ...(opts.includeArchived ? {} : { archivedAt: null }) },
    orderBy: { name: "asc" },
  });
  return rows.map(toView);
}

export async function getObjective(ctx: DomainContext, id: string): Promise<ObjectiveView> {
  const row = await ctx.db.objective.findFirst({ where: { id, workspaceId: ctx.actor.workspaceId } });
  if (!row) throw AppError.notFound("Objective", id);
  return toView(row);
}

export async function createObjective(ctx: DomainContext, input: ObjectiveInput): Promise<ObjectiveView> {
  const data = ObjectiveInputSchema.parse(input);
  try {
    const row = await ctx.db.$transaction(async (tx) => {
      const created = await tx.objective.create({
        data: { ...data, workspaceId: ctx.actor.workspaceId },
      });
      await recordAudit(tx, ctx.actor, {
        action: "objective.create",
        entityType: "objective",
        entityId: created.id,
        summary: `Created objective "${created.name}"`,
        changes: { metric: data.metric },
      });
      return created;
    });
    return toView(row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `Objective name "${data.name}" already used`, {
        userMessage: `An objective named "${data.name}" already exists`,
        details: { fieldErrors: { name: ["is already used by another objective"] } },
      });
    }
    throw error;
  }
}
