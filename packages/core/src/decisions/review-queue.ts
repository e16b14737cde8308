import type { Prisma } from "@northstar/db";
import { z } from "zod";
import { AppError } from "../errors/app-error";
import { loadPlan } from "../runtime/plans";
import type { DomainContext } from "../workspace/scope";
import {
  decisionOptionsSchema,
  deliverableEditSchema,
  guardrailBlocksSchema,
  REVIEW_KINDS,
  REVIEW_STATUSES,
  removedOptionsSchema,
  scoresSchema,
  storedDeliverableSchema,
} from "./review-schema";

export const ListReviewItemsInput = z
  .object({
    status: z.enum(REVIEW_STATUSES).optional(),
    kind: z.enum(REVIEW_KINDS).optional(),
    journeyId: z.string().min(1).max(200).optional(),
  })
  .default({});

const HOUR = 3_600_000;

/** Enough of an address to recognise a customer, not enough to copy it. */
export function maskEmail(address: string | null): string | null {
  if (!address) return null;
  const [user = "", domain = ""] = address.split("@");
  return `${user.slice(0, 1)}***@${domain}`;
}

type ItemRow = Prisma.ReviewItemGetPayload<object>;

/** Review items with their journey, step, customer, decision and deliverable, in the order given. */
async function views(ctx: DomainContext, rows: ItemRow[], now: Date) {
  const workspaceId = ctx.actor.workspaceId;
  const ids = (pick: (r: ItemRow) => string | null) => [...new Set(rows.map(pick).filter((v) => v !== null))];
  const [journeys, customers, decisions, resolvers] = await Promise.all([
    ctx.db.journey.findMany({
      where: { workspaceId, id: { in: ids((r) => r.journeyId) } },
      select: { id: true, name: true },
    }),
    ctx.db.customer.findMany({
      where: { workspaceId, id: { in: ids((r) => r.customerId) } },
      select: { id: true, email: true, externalId: true },
    }),
    ctx.db.decision.findMany({ where: { workspaceId, id: { in: ids((r) => r.decisionId) } } }),
    ctx.db.user.findMany({ where: { id: { in: ids((r) => r.resolvedById) } }, select: { id: true, name: true } }),
  ]);
  const journeyName = new Map(journeys.map((j) => [j.id, j.name]));
  const customerOf = new Map(customers.map((c) => [c.id, c]));
  const decisionOf = new Map(decisions.map((d) => [d.id, d]));
  const resolverOf = new Map(resolvers.map((u) => [u.id, u]));
  return Promise.all(
    rows.map(async (r) => {
      const plan = await loadPlan(ctx.db, r.versionId);
      const step = plan.steps.get(r.stepId);
      const customer = customerOf.get(r.customerId);
      const decision = r.decisionId ? decisionOf.get(r.decisionId) : undefined;
      const options = decision ? decisionOptionsSchema.parse(decision.candidates) : [];
      const scores = decision ? scoresSchema.parse(decision.scores) : {};
      const labelOf = (edgeId: string) => options.find((o) => o.edgeId === edgeId)?.label ?? edgeId;
      const ageHours = Math.round(((now.getTime() - r.createdAt.getTime()) / HOUR) * 10) / 10;
      const deliverable = r.deliverable ? storedDeliverableSchema.parse(r.deliverable) : null;
      const resolver = r.resolvedById ? resolverOf.get(r.resolvedById) : undefined;
      return {
        id: r.id,
        kind: r.kind,
        status: r.status,
        journey: { id: r.journeyId, name: journeyName.get(r.journeyId) ?? r.journeyId },
        step: { id: r.stepId, name: step?.name ?? r.stepId, kind: step?.kind ?? null },
        customer: {
          id: r.customerId,
          externalId: customer?.externalId ?? null,
          email: maskEmail(customer?.email ?? null),
        },
        enrollmentId: r.enrollmentId,
        reason: r.reason,
        blocks: guardrailBlocksSchema.parse(r.blocks),
        rationale: r.rationale,
        proposedOption: decision ? { edgeId: decision.chosenEdgeId, label: labelOf(decision.chosenEdgeId) } : null,
        candidates: options.map((o) => ({ ...o, score: scores[o.edgeId] ?? null })),
        decision: decision
          ? {
              id: decision.id,
              policy: decision.policy,
              confidence: decision.confidence,
              explore: decision.explore,
              removed: removedOptionsSchema.parse(decision.removed),
            }
          : null,
        deliverable: deliverable
          ? { channel: deliverable.channel, subject: deliverable.subject, body: deliverable.body }
          : null,
        edited: r.edited ? deliverableEditSchema.parse(r.edited) : null,
        approvedEdgeId: r.approvedEdgeId,
        createdAt: r.createdAt,
        ageHours,
        slaHours: r.slaHours,
        overdue: r.status === "PENDING" && ageHours > r.slaHours,
        resolvedBy: resolver ? { id: resolver.id, name: resolver.name } : null,
        resolvedAt: r.resolvedAt,
        note: r.note,
      };
    }),
  );
}

export type ReviewItemView = Awaited<ReturnType<typeof views>>[number];

/** The review queue, oldest first (the closest to its SLA on top); at most 200 items. */
export async function listReviewItems(
  ctx: DomainContext,
  input: z.input<typeof ListReviewItemsInput> = {},
  now = new Date(),
): Promise<ReviewItemView[]> {
  const { status, kind, journeyId } = ListReviewItemsInput.parse(input);
  const rows = await ctx.db.reviewItem.findMany({
    where: {
      workspaceId: ctx.actor.workspaceId,
      ...(status ? { status } : {}),
      ...(kind ? { kind } : {}),
      ...(journeyId ? { journeyId } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 200,
  });
  return views(ctx, rows, now);
}

export async function getReviewItem(ctx: DomainContext, id: string, now = new Date()): Promise<ReviewItemView> {
  const row = await ctx.db.reviewItem.findFirst({ where: { id, workspaceId: ctx.actor.workspaceId } });
  if (!row) throw AppError.notFound("Review item", id);
  const [view] = await views(ctx, [row], now);
  if (!view) throw AppError.notFound("Review item", id);
  return view;
}
