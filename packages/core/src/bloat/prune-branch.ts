import type { Role } from "@northstar/db";
import { canonicalJson, compile, diffDefinitions, planPrune, prunedDefinition } from "@northstar/journey";
import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { AppError } from "../errors/app-error";
import { buildCompileContext } from "../journeys/compile-version";
import { asDefinition, parseStoredDefinition } from "../journeys/draft-definition";
import { requestPublication } from "../journeys/publication-service";
import { openDraft, saveDraft } from "../journeys/version-service";
import { OPEN_ENROLLMENT_STATES } from "../runtime/statuses";
import type { DomainContext } from "../workspace/scope";

export const PruneBranchInput = z.object({
  journeyId: z.string().trim().min(1, "choose a journey"),
  edgeId: z.string().trim().min(1, "choose a branch").max(200),
});

const PRUNERS: readonly Role[] = ["ADMIN", "MANAGER"];

async function publishedVersion(ctx: DomainContext, journeyId: string) {
  const journey = await ctx.db.journey.findFirst({ where: { id: journeyId, workspaceId: ctx.actor.workspaceId } });
  if (!journey) throw AppError.notFound("Journey", journeyId);
  const version = await ctx.db.journeyVersion.findFirst({ where: { journeyId, state: "PUBLISHED" } });
  if (!version) {
    throw new AppError("PRECONDITION_FAILED", `Journey ${journeyId} has no published version`, {
      userMessage: "Only a branch of a published journey can be pruned; edit the draft on the canvas instead",
    });
  }
  return { journey, version };
}

/**
 * What pruning a branch of the running version would do: the edge and the nodes only it reaches, the diff, the
 * customers inside those nodes now (they finish on the version they entered: enrolments are pinned to it), whether
 * the result still compiles, and an open draft that would block the prune.
 */
export async function previewPrune(ctx: DomainContext, input: z.input<typeof PruneBranchInput>) {
  const { journeyId, edgeId } = PruneBranchInput.parse(input);
  const { journey, version } = await publishedVersion(ctx, journeyId);
  const before = asDefinition(parseStoredDefinition(version.definition));
  const plan = planPrune(before, edgeId);
  if (!plan) {
    throw new AppError("NOT_FOUND", `Edge ${edgeId} is not in v${version.number} of ${journeyId}`, {
      userMessage: `This branch is not in the published version ${version.number}`,
      details: { fieldErrors: { edgeId: ["is not a branch of the published version"] } },
    });
  }
  const after = prunedDefinition(before, edgeId);
  const diff = diffDefinitions(before, after);
  const inside = { journeyId, state: { in: OPEN_ENROLLMENT_STATES }, currentStepId: { in: plan.removedNodeIds } };
  const [customersInside, sample, context, openDraftRow] = await Promise.all([
    plan.removedNodeIds.length ? ctx.db.enrollment.count({ where: inside }) : 0,
    plan.removedNodeIds.length
      ? ctx.db.enrollment.findMany({
          where: inside,
          select: { customerId: true, currentStepId: true, enteredAt: true, state: true },
          orderBy: { enteredAt: "desc" },
          take: 10,
        })
      : [],
    buildCompileContext(ctx, journeyId),
    ctx.db.journeyVersion.findFirst({
      where: { journeyId, state: { in: ["DRAFT", "PENDING_APPROVAL"] } },
      select: { id: true, number: true },
    }),
  ]);
  const customers = await ctx.db.customer.findMany({
    where: { id: { in: sample.map((s) => s.customerId) }, workspaceId: ctx.actor.workspaceId },
    select: { id: true, email: true, externalId: true },
  });
  const names = new Map(customers.map((c) => [c.id, c.email ?? c.externalId ?? c.id]));
  const nodeName = (id: string) => before.nodes.find((n) => n.id === id)?.name ?? id;
  const diagnostics = compile(after, context).diagnostics;
  return {
    journey: { id: journey.id, name: journey.name, status: journey.status },
    fromVersion: { id: version.id, number: version.number },
    edgeId,
    removedNodes: diff.nodes.removed.map((n) => ({ id: n.id, kind: n.kind, name: n.name ?? null })),
    removedEdges: diff.edges.removed.map((e) => ({
      id: e.id,
      label: e.label ?? e.option?.label ?? null,
      from: nodeName(e.source),
      to: nodeName(e.target),
    })),
    customersInside,
    customersSample: sample.map((s) => ({
      customer: names.get(s.customerId) ?? s.customerId,
      nodeId: s.currentStepId,
      state: s.state,
      enteredAt: s.enteredAt,
    })),
    errors: diagnostics.filter((d) => d.severity === "error").map((d) => ({ code: d.code, message: d.message })),
    openDraft: openDraftRow,
    prunedDefinition: after,
  };
}

/**
 * Prunes through the ordinary version services: opens a new draft from the published version, saves it without the
 * branch (both audited as usual), records the prune itself, and asks for publication when it compiles, so that the
 * change reaches customers only through a manager's approval. Restoring is version history's restore.
 * An open draft blocks the prune rather than being pruned: it holds someone's unpublished edits.
 */
export async function pruneBranch(ctx: DomainContext, input: z.input<typeof PruneBranchInput>) {
  if (!PRUNERS.includes(ctx.actor.role)) {
    throw new AppError("FORBIDDEN", `Role ${ctx.actor.role} cannot prune from the dashboard`, {
      userMessage: "Only a manager or an admin can prune a branch",
    });
  }
  const preview = await previewPrune(ctx, input);
  if (preview.openDraft) {
    throw new AppError("PRECONDITION_FAILED", `Journey ${preview.journey.id} has open draft ${preview.openDraft.id}`, {
      userMessage: `Draft v${preview.openDraft.number} is open with unpublished edits: prune it on the canvas, or publish or discard it first`,
      details: { openDraft: preview.openDraft },
    });
  }
  const draft = await openDraft(ctx, preview.journey.id);
  const published = await ctx.db.journeyVersion.findUniqueOrThrow({ where: { id: preview.fromVersion.id } });
  // Someone may have opened a draft between the check and openDraft: never prune over their edits.
  if (canonicalJson(draft.definition) !== canonicalJson(published.definition)) {
    throw new AppError("CONFLICT", `Draft ${draft.id} differs from v${preview.fromVersion.number}`, {
      userMessage: `Someone opened draft v${draft.number} meanwhile; prune it on the canvas`,
    });
  }
  const saved = await saveDraft(ctx, {
    versionId: draft.id,
    baseRevision: draft.revision,
    definition: preview.prunedDefinition as never,
  });
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, ctx.actor, {
      action: "branch.prune",
      entityType: "version",
      entityId: saved.id,
      journeyId: preview.journey.id,
      summary: `Pruned branch ${preview.edgeId} of v${preview.fromVersion.number} into draft v${saved.number}: ${preview.removedNodes.length} node(s) and ${preview.removedEdges.length} edge(s) removed, ${preview.customersInside} customer(s) inside finish on v${preview.fromVersion.number}`,
      changes: {
        edgeId: preview.edgeId,
        fromVersionId: preview.fromVersion.id,
        removedNodeIds: preview.removedNodes.map((n) => n.id),
        removedEdgeIds: preview.removedEdges.map((e) => e.id),
        customersInside: preview.customersInside,
      },
    }),
  );
  const request =
    preview.errors.length === 0
      ? await requestPublication(ctx, {
          versionId: saved.id,
          note: `Prune stale branch ${preview.edgeId} (from the bloat dashboard)`,
        })
      : null;
  return {
    draft: { id: saved.id, number: saved.number, journeyId: preview.journey.id },
    publicationRequestId: request?.id ?? null,
    errors: preview.errors,
  };
}
