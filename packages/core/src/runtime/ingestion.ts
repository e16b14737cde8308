import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@northstar/db";
import { mergeProfilesOnAlias } from "../customers/merge-profiles";
import { enqueue, queueInstalled, TASKS } from "./queue";
import { correctedTimestamp, type IngestCall } from "./segment-schema";

/** Events one processing job handles; keeps a job short enough to retry cheaply. */
const EVENTS_PER_JOB = 200;

export interface IngestResult {
  accepted: number;
  duplicates: number;
}

/** What a call stores besides its ids and times: its name, properties and traits, per Segment call type. */
function payloadOf(call: IngestCall): Pick<Prisma.EventCreateManyInput, "name" | "properties" | "traits"> {
  const json = (value: Record<string, unknown> | undefined) => (value ?? {}) as Prisma.InputJsonValue;
  switch (call.type) {
    case "track":
      return { name: call.event, properties: json(call.properties) };
    case "identify":
      return { name: null, properties: {}, traits: json(call.traits) };
    case "page":
    case "screen": {
      // Segment's `category` and `name` are the page's; they go beside its properties as analytics.js puts them.
      const { name, category } = call;
      return { name: name ?? null, properties: json({ ...call.properties, ...(category ? { category } : {}) }) };
    }
    case "group":
      return { name: null, properties: { groupId: call.groupId }, traits: json(call.traits) };
    case "alias":
      return { name: null, properties: { previousId: call.previousId } };
  }
}

function toRow(workspaceId: string, call: IngestCall, receivedAt: Date): Prisma.EventCreateManyInput {
  const { timestamp, originalTimestamp } = correctedTimestamp(call, receivedAt);
  return {
    workspaceId,
    messageId: call.messageId ?? randomUUID(),
    type: call.type,
    userId: call.userId ?? null,
    anonymousId: call.anonymousId ?? null,
    ...payloadOf(call),
    ...(call.context ? { context: call.context as Prisma.InputJsonValue } : {}),
    ...(call.integrations ? { integrations: call.integrations as Prisma.InputJsonValue } : {}),
    timestamp,
    originalTimestamp,
    sentAt: call.sentAt ?? null,
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
  // After the calls are durable: a merge that fails leaves the alias stored, to be merged again from it.
  for (const call of calls) {
    if (call.type === "alias") {
      await mergeProfilesOnAlias(db, workspaceId, { userId: call.userId, previousId: call.previousId });
    }
  }
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
