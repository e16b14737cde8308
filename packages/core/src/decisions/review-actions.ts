import { fieldErrorsOf, type GuardrailBlock, lintOutgoing } from "@northstar/agent";
import type { Prisma } from "@northstar/db";
import { reviewResumption } from "@northstar/engine";
import type { Guardrails, PlanStep } from "@northstar/journey";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { AppError } from "../errors/app-error";
import { loadPlan } from "../runtime/plans";
import { enqueue, stepJobKey, TASKS } from "../runtime/queue";
import type { DomainContext } from "../workspace/scope";
import { attributionEnd } from "./plan-objective";
import {
  approvedDeliverable,
  decisionOptionsSchema,
  deliverableEditSchema,
  type StoredDeliverable,
  storedDeliverableSchema,
} from "./review-schema";

type Tx = Prisma.TransactionClient;
type ItemRow = Prisma.ReviewItemGetPayload<object>;

const idSchema = z.string().min(1).max(200);

export const ApproveReviewInput = z.object({
  id: idSchema,
  /** Decisions only: the option to take instead of the proposed one. */
  optionEdgeId: idSchema.optional(),
  /** Deliverables only: the reviewer's changes, linted again before they are accepted. */
  edit: deliverableEditSchema.optional(),
  note: z.string().trim().max(2_000).optional(),
});

export const RejectReviewInput = z.object({ id: idSchema, note: z.string().trim().max(2_000).optional() });

export interface ReviewResolution {
  id: string;
  status: "APPROVED" | "REJECTED";
  /** False when the customer had already left the step (a goal or an unsubscribe exited them meanwhile). */
  resumed: boolean;
}

function requireReviewer(ctx: DomainContext) {
  if (ctx.actor.role === "MARKETER") {
    throw new AppError("FORBIDDEN", "Marketers cannot resolve review items", {
      userMessage: "Only a manager or an admin can approve or reject",
    });
  }
}

const fieldError = (field: string, message: string) =>
  new AppError("BAD_REQUEST", `${field}: ${message}`, {
    userMessage: message,
    details: { fieldErrors: { [field]: [message] } },
  });

/** The item, locked; a second verdict on it is a conflict. */
async function lockPending(tx: Tx, ctx: DomainContext, id: string): Promise<ItemRow> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    select "id" from "ReviewItem" where "id" = ${id} and "workspaceId" = ${ctx.actor.workspaceId} for update`;
  if (locked.length === 0) throw AppError.notFound("Review item", id);
  const item = await tx.reviewItem.findUniqueOrThrow({ where: { id } });
  if (item.status !== "PENDING") {
    throw new AppError("CONFLICT", `Review item ${id} is already ${item.status}`, {
      userMessage: `This item was already ${item.status.toLowerCase()}`,
    });
  }
  return item;
}

/**
 * Content blocks a reviewer may accept as written, giving a reason: a claim that needs review is exactly what a
 * person is asked to judge. Every other block (a banned phrase, a discount above the ceiling, a missing unsubscribe
 * link, an empty subject or body) is a hard one: the message must be edited until it passes, or rejected.
 */
const SOFT_BLOCKS: ReadonlySet<GuardrailBlock["code"]> = new Set(["CLAIM_NEEDS_REVIEW"]);

/**
 * Lints the deliverable that would be sent (the proposal, or the reviewer's edit over it) as the runtime lints a
 * message before sending it, splitting hard blocks from soft ones.
 */
function lintApproval(deliverable: StoredDeliverable, guardrails: Guardrails, step: PlanStep | undefined) {
  const content = step?.kind === "message" ? step.config.content : undefined;
  const blocks = lintOutgoing(deliverable, guardrails, content);
  return {
    hard: blocks.filter((b) => !SOFT_BLOCKS.has(b.code)),
    soft: blocks.filter((b) => SOFT_BLOCKS.has(b.code)),
  };
}

/** Sets the verdict on the waiting enrollment and queues its step again for the same transition. */
async function resume(tx: Tx, item: ItemRow, resumedBy: string): Promise<boolean> {
  const moved = await tx.enrollment.updateMany({
    where: { id: item.enrollmentId, workspaceId: item.workspaceId, seq: item.seq, state: "REVIEW" },
    data: { resumedBy },
  });
  if (moved.count === 0) return false;
  await enqueue(
    tx,
    TASKS.runStep,
    { enrollmentId: item.enrollmentId, seq: item.seq },
    { jobKey: stepJobKey(item.enrollmentId) },
  );
  return true;
}

/**
 * Approves a pending item: a decision takes the proposed option (or the reviewer's), a deliverable is sent as
 * proposed or as edited, only once no hard block remains (soft ones, claims that need review, are accepted with the
 * reviewer's reason, kept in the audit trail), a review step follows its approved branch. The customer's
 * step runs again for the same transition; the verdict is audited.
 */
export async function approveReviewItem(
  ctx: DomainContext,
  input: z.input<typeof ApproveReviewInput>,
  now = new Date(),
): Promise<ReviewResolution> {
  requireReviewer(ctx);
  const { id, optionEdgeId, edit, note } = ApproveReviewInput.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const item = await lockPending(tx, ctx, id);
    if (optionEdgeId !== undefined && item.kind !== "decision") {
      throw fieldError("optionEdgeId", "Only an agent decision has options to choose from");
    }
    if (edit !== undefined && item.kind !== "deliverable") {
      throw fieldError("edit", "Only a held message can be edited");
    }
    const loaded = await loadPlan(tx, item.versionId);
    let approvedEdgeId: string | null = null;
    let summary = "Approved";
    if (item.kind === "decision") {
      const decision = await tx.decision.findFirstOrThrow({
        where: { id: item.decisionId ?? "", workspaceId: item.workspaceId },
      });
      const options = decisionOptionsSchema.parse(decision.candidates);
      approvedEdgeId = optionEdgeId ?? decision.chosenEdgeId;
      const approved = options.find((o) => o.edgeId === approvedEdgeId);
      if (!approved) throw fieldError("optionEdgeId", "Is not one of the decision's eligible options");
      const proposed = options.find((o) => o.edgeId === decision.chosenEdgeId)?.label ?? decision.chosenEdgeId;
      const overruled = approved.edgeId !== decision.chosenEdgeId;
      // The decision now stands for what happens to the customer; its reward window opens with the approval. An
      // overruled proposal is kept beside it (the rationale stays the agent's, for the option it proposed).
      await tx.decision.update({
        where: { id: decision.id },
        data: {
          chosenEdgeId: approved.edgeId,
          attributionEndsAt: attributionEnd(loaded.plan.objective, now),
          ...(overruled ? { proposedEdgeId: decision.chosenEdgeId } : {}),
        },
      });
      summary = overruled ? `Approved "${approved.label}" instead of "${proposed}"` : `Approved "${approved.label}"`;
    }
    let acceptedClaims: string[] = [];
    if (item.kind === "deliverable") {
      const proposal = storedDeliverableSchema.parse(item.deliverable);
      const { hard, soft } = lintApproval(
        approvedDeliverable(proposal, edit ?? null),
        loaded.plan.guardrails,
        loaded.steps.get(item.stepId),
      );
      if (hard.length > 0) {
        const codes = hard.map((b) => b.code).join(", ");
        throw new AppError(
          "BAD_REQUEST",
          edit
            ? `Edited deliverable of ${id} still fails its lint (${codes})`
            : `Deliverable of ${id} cannot be approved as written (${codes})`,
          {
            userMessage: edit
              ? "The edited message still breaks a guardrail"
              : "This message breaks a guardrail: edit it until it passes, or reject it",
            details: { fieldErrors: fieldErrorsOf(hard, "edit."), blocks: hard },
          },
        );
      }
      if (soft.length > 0 && !note) {
        throw fieldError("note", "Say why these claims may be sent: the reason is kept in the audit trail");
      }
      acceptedClaims = soft.map((b) => b.reason);
      summary = edit ? "Approved an edited message" : "Approved the message as written";
      if (soft.length > 0) summary += ` with ${soft.length === 1 ? "a claim" : `${soft.length} claims`} accepted`;
    }
    await tx.reviewItem.update({
      where: { id },
      data: {
        status: "APPROVED",
        approvedEdgeId,
        ...(edit ? { edited: edit } : {}),
        resolvedById: ctx.actor.userId,
        resolvedAt: now,
        note: note ?? null,
      },
    });
    const resumed = await resume(tx, item, reviewResumption({ approved: true, edgeId: approvedEdgeId }));
    await recordAudit(tx, ctx.actor, {
      action: "review.approve",
      entityType: "review_item",
      entityId: id,
      journeyId: item.journeyId,
      summary: `${summary} (${item.kind} at step ${item.stepId})`,
      changes: {
        kind: item.kind,
        approvedEdgeId,
        edit: edit ?? null,
        note: note ?? null,
        ...(acceptedClaims.length > 0 ? { acceptedClaims, reason: note ?? null } : {}),
        resumed,
      },
    });
    return { id, status: "APPROVED", resumed };
  });
}

/**
 * Rejects a pending item: a decision takes its fallback or exits the customer, a deliverable is not sent, a review
 * step follows its rejected branch. A rejected decision was never carried out, so it is never rewarded.
 */
export async function rejectReviewItem(
  ctx: DomainContext,
  input: z.input<typeof RejectReviewInput>,
  now = new Date(),
): Promise<ReviewResolution> {
  requireReviewer(ctx);
  const { id, note } = RejectReviewInput.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const item = await lockPending(tx, ctx, id);
    if (item.decisionId) {
      await tx.decision.updateMany({
        where: { id: item.decisionId, workspaceId: item.workspaceId },
        data: { attributionEndsAt: null },
      });
    }
    await tx.reviewItem.update({
      where: { id },
      data: { status: "REJECTED", resolvedById: ctx.actor.userId, resolvedAt: now, note: note ?? null },
    });
    const resumed = await resume(tx, item, reviewResumption({ approved: false }));
    await recordAudit(tx, ctx.actor, {
      action: "review.reject",
      entityType: "review_item",
      entityId: id,
      journeyId: item.journeyId,
      summary: `Rejected (${item.kind} at step ${item.stepId})`,
      changes: { kind: item.kind, note: note ?? null, resumed },
    });
    return { id, status: "REJECTED", resumed };
  });
}
