import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@northstar/db";
import { enqueue, queueInstalled, TASKS } from "./queue";
import type { IngestCall } from "./segment-schema";

/** Events one processing job handles; keeps a job short enough to retry cheaply. */
const EVENTS_PER_JOB = 200;

export interface IngestResult {
  accepted: number;
  duplicates: number;
}

function toRow(workspaceId: string, call: IngestCall, receivedAt: Date): Prisma.EventCreateManyInput {
  return {
    workspaceId,
    messageId: call.messageId ?? randomUUID(),
    type: call.type,
    name: call.type === "track" ? call.event : null,
    userId: call.userId ?? null,
    anonymousId: call.anonymousId ?? null,
    properties: (call.type === "track" ? (call.properties ?? {}) : {}) as Prisma.InputJsonValue,
    ...(call.type === "identify" ? { traits: (call.traits ?? {}) as Prisma.InputJsonValue } : {}),
    ...(call.context ? { context: call.context as Prisma.InputJsonValue } : {}),
    timestamp: call.timestamp ?? receivedAt,
    receivedAt,
  };
}

/**
 * Stores validated calls and the job that processes them in ONE transaction, before the caller answers: an accepted
 * call is durable. A repeated messageId is skipped (idempotent), counted as a duplicate.
 */
export async function ingestCalls(db: PrismaClient, workspaceId: string, calls: IngestCall[]): Promise<IngestResult> {
  if (calls.length === 0) return { accepted: 0, duplicates: 0 };
  const receivedAt = new Date();
  const rows = calls.map((call) => toRow(workspaceId, call, receivedAt));
  const withQueue = await queueInstalled(db);
  const inserted = await db.$transaction(async (tx) => {
    const created = await tx.event.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true } });
    if (withQueue) {
      for (let i = 0; i < created.length; i += EVENTS_PER_JOB) {
        const eventIds = created.slice(i, i + EVENTS_PER_JOB).map((e) => e.id);
        await enqueue(tx, TASKS.processEvents, { eventIds });
      }
    }
    return created.length;
  });
  return { accepted: calls.length, duplicates: calls.length - inserted };
}

/**
 * Events stored while no queue existed (or whose job was lost): the worker's sweep enqueues them again. Each batch
 * goes under the job key of its position (`sweep-events:<n>`), so a sweep that runs again while the previous one's
 * jobs still wait replaces them instead of adding more: pending sweep jobs never exceed one per batch of backlog.
 * Events a job of either kind already processed are skipped by the other (processEvents takes unprocessed events
 * only, under a row lock).
 */
export async function enqueueUnprocessedEvents(db: PrismaClient, olderThanMs = 30_000): Promise<number> {
  const before = new Date(Date.now() - olderThanMs);
  let total = 0;
  for (;;) {
    const pending = await db.event.findMany({
      where: { processedAt: null, receivedAt: { lt: before } },
      select: { id: true },
      orderBy: { receivedAt: "asc" },
      take: EVENTS_PER_JOB,
      skip: total,
    });
    if (pending.length === 0) return total;
    const eventIds = pending.map((e) => e.id);
    const jobKey = `sweep-events:${total / EVENTS_PER_JOB}`;
    await enqueue(db, TASKS.processEvents, { eventIds }, { jobKey });
    total += pending.length;
    if (pending.length < EVENTS_PER_JOB) return total;
  }
}
