import type { Prisma } from "@northstar/db";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { AppError } from "../errors/app-error";
import type { Actor, DomainContext } from "./scope";

export const SetFourEyesInput = z.object({ enabled: z.boolean("must be true or false") });

/** Workspace-wide settings an admin controls on the admin page. */
export async function getWorkspaceSettings(ctx: DomainContext) {
  const workspace = await ctx.db.workspace.findUniqueOrThrow({
    where: { id: ctx.actor.workspaceId },
    select: { fourEyes: true },
  });
  return { fourEyes: workspace.fourEyes };
}

export async function setFourEyes(ctx: DomainContext, input: z.input<typeof SetFourEyesInput>) {
  if (ctx.actor.role !== "ADMIN") {
    throw new AppError("FORBIDDEN", `Role ${ctx.actor.role} cannot change the four-eyes rule`, {
      userMessage: "Only an admin can change the four-eyes rule",
    });
  }
  const { enabled } = SetFourEyesInput.parse(input);
  await ctx.db.$transaction(async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({
      where: { id: ctx.actor.workspaceId },
      select: { fourEyes: true },
    });
    if (before.fourEyes === enabled) return;
    await tx.workspace.update({ where: { id: ctx.actor.workspaceId }, data: { fourEyes: enabled } });
    await recordAudit(tx, ctx.actor, {
      action: "workspace.four_eyes",
      entityType: "workspace",
      entityId: ctx.actor.workspaceId,
      summary: enabled
        ? "Turned the four-eyes rule on: requesters cannot approve their own publications"
        : "Turned the four-eyes rule off: requesters may approve their own publications",
      changes: { fourEyes: { from: before.fourEyes, to: enabled } },
    });
  });
  return { fourEyes: enabled };
}

/**
 * The four-eyes rule: with it on (the default), whoever requested a publication (a prune requests one too) cannot
 * approve it; another manager or admin must.
 */
export async function assertFourEyes(tx: Prisma.TransactionClient, actor: Actor, requestedById: string) {
  if (requestedById !== actor.userId) return;
  const workspace = await tx.workspace.findUniqueOrThrow({
    where: { id: actor.workspaceId },
    select: { fourEyes: true },
  });
  if (!workspace.fourEyes) return;
  throw new AppError("FORBIDDEN", `Four eyes: ${actor.userId} requested this publication and cannot approve it`, {
    userMessage: "Four-eyes rule: you requested this publication, so another manager or admin must approve it",
    details: { rule: "four_eyes" },
  });
}
