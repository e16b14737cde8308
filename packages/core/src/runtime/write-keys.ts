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

/**
 * Cache of hash -> workspace for valid keys only, for a few seconds: ingestion is hot, revocation takes effect
 * within CACHE_MS. The keys come from the request, so the cache is a small LRU (at most CACHE_LIMIT entries) and
 * misses are never cached: random keys cannot grow it, and a key created a moment ago works at once.
 */
const CACHE_MS = 5_000;
export const WRITE_KEY_CACHE_LIMIT = 1_000;
const cache = new Map<string, { workspaceId: string; at: number }>();

/** Entries currently cached (for tests). */
export function writeKeyCacheSize(): number {
  return cache.size;
}

function remember(hash: string, workspaceId: string) {
  cache.delete(hash);
  cache.set(hash, { workspaceId, at: Date.now() });
  while (cache.size > WRITE_KEY_CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
}

/** The workspace a write key belongs to, or null for an unknown or revoked key. */
export async function authenticateWriteKey(db: PrismaClient, secret: string): Promise<string | null> {
  const hash = hashWriteKey(secret);
  const hit = cache.get(hash);
  if (hit) {
    if (Date.now() - hit.at < CACHE_MS) {
      // Most recently used goes last, so the first entry is the one to evict.
      cache.delete(hash);
      cache.set(hash, hit);
      return hit.workspaceId;
    }
    cache.delete(hash);
  }
  const key = await db.writeKey.findUnique({ where: { hash } });
  const workspaceId = key && !key.revokedAt ? key.workspaceId : null;
  if (!key || !workspaceId) return null;
  remember(hash, workspaceId);
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
    await db.writeKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  }
  return workspaceId;
}
