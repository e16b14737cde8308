import type { Prisma } from "@northstar/db";
import type { Actor } from "../workspace/scope";

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string;
  journeyId?: string;
  summary: string;
  changes?: Prisma.InputJsonValue;
}

/** Appends an audit entry in the caller's transaction, so the entry exists if and only if the change does. */
export async function recordAudit(tx: Prisma.TransactionClient, actor: Actor, input: AuditInput) {
  await tx.auditEntry.create({
    data: {
      workspaceId: actor.workspaceId,
      actorId: actor.userId,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      journeyId: input.journeyId ?? null,
      summary: input.summary,
      ...(input.changes === undefined ? {} : { changes: input.changes }),
    },
  });
}
