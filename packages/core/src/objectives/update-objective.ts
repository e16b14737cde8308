import { Prisma } from "@northstar/db";
import { recordAudit } from "../audit/audit";
import { AppError } from "../errors/app-error";
import type { DomainContext } from "../workspace/scope";
import { getObjective, type ObjectiveView } from "./objectives";
import { type ObjectiveInput, ObjectiveInputSchema } from "./schema";

/** Replaces an objective's name, description, metric and negative signals. Journeys bound to it keep the binding. */
export async function updateObjective(ctx: DomainContext, id: string, input: ObjectiveInput): Promise<ObjectiveView> {
  const data = ObjectiveInputSchema.parse(input);
  const before = await getObjective(ctx, id);
  try {
    await ctx.db.$transaction(async (tx) => {
      await tx.objective.update({ where: { id }, data });
      await recordAudit(tx, ctx.actor, {
        action: "objective.update",
        entityType: "objective",
        entityId: id,
        summary: `Updated objective "${data.name}"`,
        changes: {
          before: { name: before.name, metric: before.metric, negativeSignals: before.negativeSignals },
          after: { name: data.name, metric: data.metric, negativeSignals: data.negativeSignals },
        } as Prisma.InputJsonValue,
      });
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `Objective name "${data.name}" already used`, {
        userMessage: `An objective named "${data.name}" already exists`,
        details: { fieldErrors: { name: ["is already used by another objective"] } },
      });
    }
    throw error;
  }
  return getObjective(ctx, id);
}

/**
 * Archives (or restores) an objective. Archived objectives disappear from pickers; journeys bound to one get
 * UNKNOWN_OBJECTIVE when next compiled, so live journeys must be moved first.
 */
export async function setObjectiveArchived(ctx: DomainContext, id: string, archived: boolean) {
  const objective = await getObjective(ctx, id);
  if (archived) {
    const live = await ctx.db.journey.count({
      where: { workspaceId: ctx.actor.workspaceId, objectiveId: id, status: "LIVE" },
    });
    if (live > 0) {
      throw new AppError("PRECONDITION_FAILED", `Objective ${id} has ${live} live journeys`, {
        userMessage: `${live} live journey(s) pursue "${objective.name}"; pause them or change their objective first`,
      });
    }
  }
  await ctx.db.$transaction(async (tx) => {
    await tx.objective.update({ where: { id }, data: { archivedAt: archived ? new Date() : null } });
    await recordAudit(tx, ctx.actor, {
      action: archived ? "objective.archive" : "objective.restore",
      entityType: "objective",
      entityId: id,
      summary: `${archived ? "Archived" : "Restored"} objective "${objective.name}"`,
    });
  });
  return getObjective(ctx, id);
}
