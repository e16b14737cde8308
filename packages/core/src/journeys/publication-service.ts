import type { Prisma, Role } from "@northstar/db";
import { assertFourEyes } from "../workspace/four-eyes";
import { type Diagnostic, hasErrors } from "@northstar/journey";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { AppError } from "../errors/app-error";
import type { DomainContext } from "../workspace/scope";
import { loadUserRefs } from "../workspace/users";
import { compileVersion } from "./compile-version";
import { lockRequest, lockVersion } from "./journey-lock";
import { getVersion } from "./version-service";

const PUBLISHERS: readonly Role[] = ["ADMIN", "MANAGER"];
const noteSchema = z.string().trim().max(2000);

function requirePublisher(ctx: DomainContext) {
  if (!PUBLISHERS.includes(ctx.actor.role)) {
    throw new AppError("FORBIDDEN", `Role ${ctx.actor.role} cannot publish`, {
      userMessage: "Only a manager or an admin can publish; request publication instead",
    });
  }
}

function refuseErrors(diagnostics: Diagnostic[], what: string) {
  if (hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    throw new AppError("PRECONDITION_FAILED", `${what} refused: ${errors.length} compile error(s)`, {
      userMessage: `${what} needs a journey without errors; fix the ${errors.length} error${errors.length === 1 ? "" : "s"} shown on the canvas`,
      details: { diagnostics },
    });
  }
}

function requireOpen(state: string, number: number) {
  if (state !== "DRAFT" && state !== "PENDING_APPROVAL") {
    throw new AppError("PRECONDITION_FAILED", `Version ${number} is ${state}`, {
      userMessage: `Version ${number} is ${state.toLowerCase()}; only a draft can be published`,
    });
  }
}

/** Publishes inside the caller's transaction: supersedes the live version, stores the plan, marks the journey live. */
async function publishInTx(ctx: DomainContext, tx: Prisma.TransactionClient, versionId: string, via: string) {
  await lockVersion(ctx, tx, versionId);
  const { version, plan, diagnostics } = await compileVersion(ctx, versionId, tx);
  requireOpen(version.state, version.number);
  refuseErrors(diagnostics, "Publishing");
  if (!plan) throw new AppError("INTERNAL", `Compile of ${versionId} returned no plan and no error`);
  const now = new Date();
  await tx.journeyVersion.updateMany({
    where: { journeyId: version.journeyId, state: "PUBLISHED" },
    data: { state: "SUPERSEDED" },
  });
  await tx.journeyVersion.update({
    where: { id: version.id },
    data: {
      state: "PUBLISHED",
      plan: plan as unknown as Prisma.InputJsonValue,
      planHash: plan.hash,
      publishedAt: now,
      publishedById: ctx.actor.userId,
    },
  });
  const journey = await tx.journey.findUniqueOrThrow({ where: { id: version.journeyId } });
  await tx.journey.update({
    where: { id: journey.id },
    data: { status: "LIVE", liveSince: journey.liveSince ?? now },
  });
  await recordAudit(tx, ctx.actor, {
    action: "version.publish",
    entityType: "version",
    entityId: version.id,
    journeyId: version.journeyId,
    summary: `Published v${version.number} of "${journey.name}" ${via} (plan ${plan.hash.slice(0, 12)})`,
    changes: { planHash: plan.hash, warnings: diagnostics.length },
  });
  return version;
}

export async function publishVersion(ctx: DomainContext, versionId: string) {
  requirePublisher(ctx);
  await ctx.db.$transaction(async (tx) => {
    // Publishing directly approves any pending request, so it must not let a requester approve their own.
    const pending = await tx.publicationRequest.findMany({
      where: { versionId, workspaceId: ctx.actor.workspaceId, status: "PENDING" },
      select: { requestedById: true },
    });
    for (const request of pending) await assertFourEyes(tx, ctx.actor, request.requestedById);
    const version = await publishInTx(ctx, tx, versionId, "directly");
    await tx.publicationRequest.updateMany({
      where: { versionId: version.id, status: "PENDING" },
      data: {
        status: "APPROVED",
        decidedById: ctx.actor.userId,
        decidedAt: new Date(),
        decisionNote: "Published directly",
      },
    });
  });
  return getVersion(ctx, versionId);
}

/** Asks a manager to publish a draft; the draft must compile without errors. */
export async function requestPublication(ctx: DomainContext, input: { versionId: string; note?: string }) {
  const note = noteSchema.parse(input.note ?? "");
  const request = await ctx.db.$transaction(async (tx) => {
    await lockVersion(ctx, tx, input.versionId);
    const { version, diagnostics } = await compileVersion(ctx, input.versionId, tx);
    if (version.state !== "DRAFT") {
      throw new AppError("PRECONDITION_FAILED", `Version ${version.number} is ${version.state}`, {
        userMessage:
          version.state === "PENDING_APPROVAL" ? "Publication was already requested" : "Only a draft can be submitted",
      });
    }
    refuseErrors(diagnostics, "Requesting publication");
    await tx.journeyVersion.update({ where: { id: version.id }, data: { state: "PENDING_APPROVAL" } });
    const created = await tx.publicationRequest.create({
      data: { workspaceId: ctx.actor.workspaceId, versionId: version.id, requestedById: ctx.actor.userId, note },
    });
    await recordAudit(tx, ctx.actor, {
      action: "publication.request",
      entityType: "publication_request",
      entityId: created.id,
      journeyId: version.journeyId,
      summary: `Requested publication of v${version.number}${note ? `: ${note}` : ""}`,
    });
    return created;
  });
  return request;
}

/** The request, read under its journey's lock, which must still be pending (not withdrawn by an edit meanwhile). */
async function pendingRequest(ctx: DomainContext, tx: Prisma.TransactionClient, requestId: string) {
  const request = await lockRequest(ctx, tx, requestId);
  if (request.status !== "PENDING") {
    throw new AppError("PRECONDITION_FAILED", `Request ${requestId} is ${request.status}`, {
      userMessage: `This request was already ${request.status.toLowerCase()}`,
    });
  }
  return request;
}

export async function approvePublication(ctx: DomainContext, input: { requestId: string; note?: string }) {
  requirePublisher(ctx);
  const note = noteSchema.parse(input.note ?? "");
  const versionId = await ctx.db.$transaction(async (tx) => {
    const request = await pendingRequest(ctx, tx, input.requestId);
    await assertFourEyes(tx, ctx.actor, request.requestedById);
    await tx.publicationRequest.update({
      where: { id: request.id },
      data: { status: "APPROVED", decidedById: ctx.actor.userId, decidedAt: new Date(), decisionNote: note },
    });
    await recordAudit(tx, ctx.actor, {
      action: "publication.approve",
      entityType: "publication_request",
      entityId: request.id,
      journeyId: request.version.journeyId,
      summary: `Approved publication of v${request.version.number}${note ? `: ${note}` : ""}`,
    });
    await publishInTx(ctx, tx, request.versionId, "on approval");
    return request.versionId;
  });
  return getVersion(ctx, versionId);
}

export async function rejectPublication(ctx: DomainContext, input: { requestId: string; note: string }) {
  requirePublisher(ctx);
  const note = noteSchema.min(1, "say why the request is rejected").parse(input.note);
  await ctx.db.$transaction(async (tx) => {
    const request = await pendingRequest(ctx, tx, input.requestId);
    await tx.publicationRequest.update({
      where: { id: request.id },
      data: { status: "REJECTED", decidedById: ctx.actor.userId, decidedAt: new Date(), decisionNote: note },
    });
    await tx.journeyVersion.updateMany({
      where: { id: request.versionId, state: "PENDING_APPROVAL" },
      data: { state: "DRAFT" },
    });
    await recordAudit(tx, ctx.actor, {
      action: "publication.reject",
      entityType: "publication_request",
      entityId: request.id,
      journeyId: request.version.journeyId,
      summary: `Rejected publication of v${request.version.number}: ${note}`,
    });
  });
}

export async function listPublicationRequests(
  ctx: DomainContext,
  input: { status?: "PENDING" | "APPROVED" | "REJECTED" | "WITHDRAWN"; journeyId?: string } = {},
) {
  const rows = await ctx.db.publicationRequest.findMany({
    where: {
      workspaceId: ctx.actor.workspaceId,
      ...(input.status ? { status: input.status } : {}),
      ...(input.journeyId ? { version: { journeyId: input.journeyId } } : {}),
    },
    include: { version: { select: { id: true, number: true, journeyId: true, journey: { select: { name: true } } } } },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const users = await loadUserRefs(
    ctx.db,
    rows.flatMap((r) => [r.requestedById, ...(r.decidedById ? [r.decidedById] : [])]),
  );
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    note: r.note,
    decisionNote: r.decisionNote,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    requestedBy: users.get(r.requestedById) ?? { id: r.requestedById, name: "Former member" },
    decidedBy: r.decidedById ? (users.get(r.decidedById) ?? null) : null,
    version: { id: r.version.id, number: r.version.number },
    journey: { id: r.version.journeyId, name: r.version.journey.name },
  }));
}
