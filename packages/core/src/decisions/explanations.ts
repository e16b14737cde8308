import { Prisma } from "@northstar/db";
import { type DecisionPhase, silentOptions } from "@northstar/journey";
import { z } from "zod";
import { AppError } from "../errors/app-error";
import { loadPlan } from "../runtime/plans";
import type { DomainContext } from "../workspace/scope";
import { maskEmail } from "./review-queue";
import { decisionOptionsSchema, removedOptionsSchema, scoresSchema } from "./review-schema";

const idSchema = z.string().min(1).max(200);
export const CustomerDecisionsInput = z.object({ customerId: idSchema });
export const NodeStatsInput = z.object({
  journeyId: idSchema,
  stepId: idSchema,
  days: z.number().int().min(1).max(365).default(30),
});

const DAY = 86_400_000;
const LIMIT = 200;

/** Names of steps and options as the customer met them (the version each enrollment ran on). */
async function stepNames(ctx: DomainContext, versionIds: string[]) {
  const names = new Map<string, string>();
  for (const versionId of new Set(versionIds)) {
    const loaded = await loadPlan(ctx.db, versionId);
    for (const step of loaded.plan.steps) names.set(`${versionId}/${step.id}`, step.name ?? step.id);
  }
  return (versionId: string, stepId: string) => names.get(`${versionId}/${stepId}`) ?? stepId;
}

/**
 * One customer's decisions and guardrail blocks, oldest first (the latest 200 of each): for a decision, the options
 * the policy saw with their scores, the options removed and why, explore or exploit, the confidence, which policy
 * answered (and why it fell back), the rationale, what the agent proposed when a reviewer chose otherwise, and the
 * reward once known; for a block, the guardrail and its reason.
 */
export async function customerDecisions(ctx: DomainContext, input: z.input<typeof CustomerDecisionsInput>) {
  const { customerId } = CustomerDecisionsInput.parse(input);
  const workspaceId = ctx.actor.workspaceId;
  const customer = await ctx.db.customer.findFirst({
    where: { id: customerId, workspaceId },
    select: { id: true, externalId: true, email: true },
  });
  if (!customer) throw AppError.notFound("Customer", customerId);
  const [decisions, blocks] = await Promise.all([
    ctx.db.decision.findMany({ where: { workspaceId, customerId }, orderBy: { createdAt: "desc" }, take: LIMIT }),
    ctx.db.guardrailBlockLog.findMany({ where: { workspaceId, customerId }, orderBy: { at: "desc" }, take: LIMIT }),
  ]);
  const enrollments = await ctx.db.enrollment.findMany({
    where: { workspaceId, id: { in: [...new Set(blocks.map((b) => b.enrollmentId))] } },
    select: { id: true, versionId: true },
  });
  const versionOf = new Map(enrollments.map((e) => [e.id, e.versionId]));
  const journeys = await ctx.db.journey.findMany({
    where: { workspaceId, id: { in: [...new Set([...decisions, ...blocks].map((r) => r.journeyId))] } },
    select: { id: true, name: true },
  });
  const journeyName = new Map(journeys.map((j) => [j.id, j.name]));
  const journey = (id: string) => ({ id, name: journeyName.get(id) ?? id });
  const stepName = await stepNames(ctx, [...decisions.map((d) => d.versionId), ...versionOf.values()]);

  const decisionEntries = decisions.map((d) => {
    const options = decisionOptionsSchema.parse(d.candidates);
    const scores = scoresSchema.parse(d.scores);
    const label = (edgeId: string) => options.find((o) => o.edgeId === edgeId)?.label ?? edgeId;
    return {
      type: "decision" as const,
      id: d.id,
      at: d.createdAt,
      journey: journey(d.journeyId),
      step: { id: d.stepId, name: stepName(d.versionId, d.stepId) },
      enrollmentId: d.enrollmentId,
      requestedPolicy: d.requestedPolicy,
      policy: d.policy,
      fallbackReason: d.fallbackReason,
      phase: d.phase,
      propensity: d.propensity,
      candidates: options.map((o) => ({ ...o, score: scores[o.edgeId] ?? null })),
      removed: removedOptionsSchema.parse(d.removed),
      chosen: { edgeId: d.chosenEdgeId, label: label(d.chosenEdgeId) },
      /** What the agent proposed when a reviewer chose another option; null when its choice stood. */
      proposed: d.proposedEdgeId ? { edgeId: d.proposedEdgeId, label: label(d.proposedEdgeId) } : null,
      explore: d.explore,
      confidence: d.confidence,
      rationale: d.rationale,
      needsReview: d.needsReview,
      reward: d.reward,
      rewardedAt: d.rewardedAt,
    };
  });
  const blockEntries = blocks.map((b) => {
    const versionId = versionOf.get(b.enrollmentId);
    return {
      type: "guardrail_block" as const,
      id: b.id,
      at: b.at,
      journey: journey(b.journeyId),
      step: { id: b.stepId, name: versionId ? stepName(versionId, b.stepId) : b.stepId },
      enrollmentId: b.enrollmentId,
      channel: b.channel,
      code: b.code,
      reason: b.reason,
      action: b.action,
    };
  });
  const entries = [...decisionEntries, ...blockEntries].sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    customer: { id: customer.id, externalId: customer.externalId, email: maskEmail(customer.email) },
    entries,
  };
}

interface StatsRow {
  day: Date;
  edgeId: string;
  chosen: bigint;
  rewarded: bigint;
  learned: bigint;
  rewardSum: number | null;
}

const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * An agent node's option shares and outcomes per UTC day over the last `days` days (today included), every day and
 * option present (zeros where nothing happened) so a chart needs no gaps filled. `rewardPerDecision` counts decisions
 * still open as 0 (a mean over the credited ones only would read 1 while only conversions are known); null without
 * decisions. Per option in total, `learned` counts the rewards the policy has taken in.
 */
export async function nodeStats(ctx: DomainContext, input: z.input<typeof NodeStatsInput>, now = new Date()) {
  const { journeyId, stepId, days } = NodeStatsInput.parse(input);
  const workspaceId = ctx.actor.workspaceId;
  const journey = await ctx.db.journey.findFirst({ where: { id: journeyId, workspaceId }, select: { id: true } });
  if (!journey) throw AppError.notFound("Journey", journeyId);
  const firstDay = new Date(Date.parse(utcDay(now)) - (days - 1) * DAY);
  const rows = await ctx.db.$queryRaw<StatsRow[]>`
    select date_trunc('day', "createdAt") as "day", "chosenEdgeId" as "edgeId",
           count(*) as "chosen", count("reward") as "rewarded",
           count("learnedAt") as "learned", sum("reward") as "rewardSum"
    from "Decision"
    where "workspaceId" = ${workspaceId} and "journeyId" = ${journeyId} and "stepId" = ${stepId}
      and "createdAt" >= ${firstDay}
    group by 1, 2`;
  const latest = await ctx.db.journeyVersion.findFirst({
    where: { journeyId, workspaceId, plan: { not: Prisma.AnyNull } },
    orderBy: { number: "desc" },
    select: { id: true },
  });
  const loaded = latest ? await loadPlan(ctx.db, latest.id) : undefined;
  const step = loaded?.steps.get(stepId);
  const silent = loaded ? silentOptions(loaded.plan, stepId) : new Set<string>();
  const phaseRows = await ctx.db.decision.groupBy({
    by: ["phase"],
    where: { workspaceId, journeyId, stepId, createdAt: { gte: firstDay } },
    _count: { _all: true },
  });
  const options = new Map<string, string>();
  if (step?.kind === "agent") for (const o of step.decision.options) options.set(o.edgeId, o.label);
  for (const row of rows) if (!options.has(row.edgeId)) options.set(row.edgeId, row.edgeId);

  const cell = (chosen: number, rewarded: number, rewardSum: number) => ({
    chosen,
    rewarded,
    rewardSum,
    /** Reward so far per decision: decisions whose window is still open count 0 until credited. */
    rewardPerDecision: chosen > 0 ? rewardSum / chosen : null,
    /** Decisions not credited yet: their attribution window is still open. */
    open: chosen - rewarded,
  });
  const byKey = new Map(rows.map((r) => [`${utcDay(r.day)}/${r.edgeId}`, r]));
  const series = [];
  for (let i = 0; i < days; i++) {
    const day = utcDay(new Date(firstDay.getTime() + i * DAY));
    for (const edgeId of options.keys()) {
      const row = byKey.get(`${day}/${edgeId}`);
      series.push({ day, edgeId, ...cell(Number(row?.chosen ?? 0), Number(row?.rewarded ?? 0), row?.rewardSum ?? 0) });
    }
  }
  const totals = [...options].map(([edgeId, label]) => {
    const mine = rows.filter((r) => r.edgeId === edgeId);
    const sum = (pick: (r: StatsRow) => number) => mine.reduce((total, r) => total + pick(r), 0);
    return {
      edgeId,
      label,
      ...cell(
        sum((r) => Number(r.chosen)),
        sum((r) => Number(r.rewarded)),
        sum((r) => r.rewardSum ?? 0),
      ),
      /** Rewards the learning policy has already taken in (a minutely job settles them). */
      learned: sum((r) => Number(r.learned)),
      /** No message can follow this option: choosing it avoids a message. */
      silent: silent.has(edgeId),
    };
  });
  return {
    journeyId,
    stepId,
    stepName: step?.name ?? stepId,
    days,
    options: totals,
    series,
    /** Decisions whose option sends nothing (journey's silentOptions). */
    messagesAvoided: totals.filter((o) => o.silent).reduce((n, o) => n + o.chosen, 0),
    /** Decisions per phase against the node's minimum confidence (journey's decision-gate.ts). */
    phases: Object.fromEntries(phaseRows.map((r) => [r.phase, r._count._all])) as Partial<
      Record<DecisionPhase, number>
    >,
  };
}
