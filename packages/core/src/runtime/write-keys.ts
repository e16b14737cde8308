import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "@northstar/db";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { AppError } from "../errors/app-error";
import type { DomainContext } from "../workspace/scope";

const KEY_PREFIX = "nswk_";

export const CreateWriteKeyInput = z.object({ name: z.string().trim().min(1, "is required").max(80) });

export function hashWriteKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

function requireAdmin(ctx: DomainContext) {
  if (ctx.actor.role !== "ADMIN") {
    throw new AppError("FORBIDDEN", `Role ${ctx.actor.role} cannot manage write keys`, {
      userMessage: "Only an admin can manage write keys",
    });
  }
}

/** Creates a key and returns its secret: the only time it exists in clear anywhere. */
export async function createWriteKey(ctx: DomainContext, input: z.input<typeof CreateWriteKeyInput>) {
  requireAdmin(ctx);
  const { name } = CreateWriteKeyInput.parse(input);
  const secret = `${KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  const key = await ctx.db.$transaction(async (tx) => {
    const row = await tx.writeKey.create({
      data: {
        workspaceId: ctx.actor.workspaceId,
        name,
        prefix: secret.slice(0, KEY_PREFIX.length + 6),
        hash: hashWriteKey(secret),
        createdById: ctx.actor.userId,
      },
    });
    await recordAudit(tx, ctx.actor, {
      action: "write_key.create",
      entityType: "write_key",
      entityId: row.id,
      summary: `Created write key "${name}" (${row.prefix}…)`,
    });
    return row;
  });
  return { id: key.id, name: key.name, prefix: key.prefix, createdAt: key.createdAt, secret };
}

export async function listWriteKeys(ctx: DomainContext) {
  requireAdmin(ctx);
  return ctx.db.writeKey.findMany({
    where: { workspaceId: ctx.actor.workspaceId },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeWriteKey(ctx: DomainContext, id: string) {
  requireAdmin(ctx);
  await ctx.db.$transaction(async (tx) => {
    const key = await tx.writeKey.findFirst({ where: { id, workspaceId: ctx.actor.workspaceId } });
    if (!key) throw AppError.notFound("Write key", id);
    if (key.revokedAt) return;
    await tx.writeKey.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, ctx.actor, {
      action: "write_key.revoke",
      entityType: "write_key",
      entityId: id,
      summary: `Revoked write key "${key.name}" (${key.prefix}…)`,
    });
  });
}

/** How often a key's `lastUsedAt` is written at most: a busy key does not rewrite its row on every call. */
const LAST_USED_PRECISION_MS = 60_000;

/**
 * The key a secret belongs to, or null for an unknown or revoked one. Looked up by its hash on every call, without a
 * cache, so a revocation takes effect on the very next request in every process (one indexed read per request).
 */
export async function authenticateWriteKey(
  db: PrismaClient,
  secret: string,
): Promise<{ id: string; workspaceId: string; allowedOrigins: string[] } | null> {
  const key = await db.writeKey.findUnique({
    where: { hash: hashWriteKey(secret) },
    select: { id: true, workspaceId: true, revokedAt: true, lastUsedAt: true, allowedOrigins: true },
  });
  if (!key || key.revokedAt) return null;
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.writeKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  }
  return { id: key.id, workspaceId: key.workspaceId, allowedOrigins: key.allowedOrigins };
}
