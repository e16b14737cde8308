import type { Prisma } from "@northstar/db";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { AppError } from "../errors/app-error";
import type { DomainContext } from "../workspace/scope";
import { enqueue, TASKS } from "./queue";
import { MESSAGE_STATUSES } from "./statuses";

export const ListMessagesInput = z
  .object({
    status: z.enum(MESSAGE_STATUSES).optional(),
    channel: z.enum(["email", "sms", "push", "webhook"]).optional(),
    customerId: z.string().optional(),
    cursor: z.string().optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .default({ limit: 50 });

const listSelect = {
  id: true,
  channel: true,
  to: true,
  subject: true,
  status: true,
  provider: true,
  attempts: true,
  lastError: true,
  journeyId: true,
  stepId: true,
  customerId: true,
  createdAt: true,
  sentAt: true,
  openedAt: true,
  clickedAt: true,
  quarantinedAt: true,
} satisfies Prisma.MessageSelect;

/** The outbox, newest first, keyset-paginated by id. */
export async function listMessages(ctx: DomainContext, input: z.input<typeof ListMessagesInput> = {}) {
  const { status, channel, customerId, cursor, limit } = ListMessagesInput.parse(input);
  const rows = await ctx.db.message.findMany({
    where: {
      workspaceId: ctx.actor.workspaceId,
      ...(status ? { status } : {}),
      ...(channel ? { channel } : {}),
      ...(customerId ? { customerId } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: listSelect,
  });
  const journeyNames = await journeyNamesOf(
    ctx,
    rows.map((r) => r.journeyId),
  );
  const items = rows
    .slice(0, limit)
    .map((r) => ({ ...r, journeyName: r.journeyId ? (journeyNames.get(r.journeyId) ?? null) : null }));
  return { items, nextCursor: rows.length > limit ? (rows[limit - 1]?.id ?? null) : null };
}

async function journeyNamesOf(ctx: DomainContext, ids: (string | null)[]) {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  const journeys = await ctx.db.journey.findMany({
    where: { id: { in: unique }, workspaceId: ctx.actor.workspaceId },
    select: { id: true, name: true },
  });
  return new Map(journeys.map((j) => [j.id, j.name]));
}

export async function getMessage(ctx: DomainContext, id: string) {
  const message = await ctx.db.message.findFirst({
    where: { id, workspaceId: ctx.actor.workspaceId },
    select: { ...listSelect, body: true, text: true, idempotencyKey: true, enrollmentId: true, renderedBy: true },
  });
  if (!message) throw AppError.notFound("Message", id);
  return message;
}

function requireManager(ctx: DomainContext) {
  if (ctx.actor.role === "MARKETER") {
    throw new AppError("FORBIDDEN", "Marketers cannot act on quarantined messages", {
      userMessage: "Only a manager or an admin can retry or drop a message",
    });
  }
}

async function quarantined(tx: Prisma.TransactionClient, ctx: DomainContext, id: string) {
  const rows = await tx.$queryRaw<{ id: string; status: string; to: string; channel: string }[]>`
    select "id", "status", "to", "channel" from "Message" where "id" = ${id} and "workspaceId" = ${ctx.actor.workspaceId} for update`;
  const row = rows[0];
  if (!row) throw AppError.notFound("Message", id);
  if (row.status !== "QUARANTINED") {
    throw new AppError("PRECONDITION_FAILED", `Message ${id} is ${row.status}`, {
      userMessage: `This message is no longer quarantined (${row.status.toLowerCase()})`,
    });
  }
  return row;
}

/** Sends a quarantined message again (a fresh set of attempts). */
export async function retryQuarantined(ctx: DomainContext, id: string) {
  requireManager(ctx);
  await ctx.db.$transaction(async (tx) => {
    const row = await quarantined(tx, ctx, id);
    await tx.message.update({ where: { id }, data: { status: "PENDING", attempts: 0, quarantinedAt: null } });
    await enqueue(tx, TASKS.sendMessage, { messageId: id }, { jobKey: `send:${id}` });
    await recordAudit(tx, ctx.actor, {
      action: "message.retry",
      entityType: "message",
      entityId: id,
      summary: `Retried a quarantined ${row.channel} message`,
    });
  });
}

export async function dropQuarantined(ctx: DomainContext, id: string) {
  requireManager(ctx);
  await ctx.db.$transaction(async (tx) => {
    const row = await quarantined(tx, ctx, id);
    await tx.message.update({ where: { id }, data: { status: "DROPPED" } });
    await recordAudit(tx, ctx.actor, {
      action: "message.drop",
      entityType: "message",
      entityId: id,
      summary: `Dropped a quarantined ${row.channel} message`,
    });
  });
}
