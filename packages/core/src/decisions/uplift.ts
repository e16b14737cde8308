import {
  alwaysOption,
  bestSingleOption,
  type CustomerFeatures,
  currentPolicy,
  type Estimate,
  type LoggedDecision,
  liftAgainstHoldout,
  offlineEvaluation,
  uniformRandom,
} from "@northstar/agent";
import { ObjectiveMetricSchema } from "@northstar/journey";
import { z } from "zod";
import { AppError } from "../errors/app-error";
import { loadPlan } from "../runtime/plans";
import type { DomainContext } from "../workspace/scope";
import { decisionOptionsSchema } from "./review-schema";

const idSchema = z.string().min(1).max(200);
export const UpliftInput = z.object({
  journeyId: idSchema,
  /** An agent node: treated customers are those it decided for. Absent: every treated customer of the journey. */
  stepId: idSchema.optional(),
  weeks: z.number().int().min(1).max(52).default(12),
});
export const OfflineEvaluationInput = z.object({
  journeyId: idSchema,
  stepId: idSchema,
  days: z.number().int().min(1).max(365).default(90),
});

const DAY = 86_400_000;
/** Decisions an offline evaluation reads at most (the newest). */
const MAX_LOGGED = 20_000;

interface ArmRow {
  week: Date;
  holdout: boolean;
  customers: bigint;
  converted: bigint;
}

async function journeyOf(ctx: DomainContext, journeyId: string) {
  const journey = await ctx.db.journey.findFirst({
    where: { id: journeyId, workspaceId: ctx.actor.workspaceId },
    select: { id: true, objective: { select: { name: true, metric: true } } },
  });
  if (!journey) throw AppError.notFound("Journey", journeyId);
  return journey;
}

/**
 * The objective's rate for treated customers against the journey's holdout, per week of entry and over the period,
 * each with a 95% interval (Newcombe's hybrid score interval of the difference, Wilson per arm). A customer converts
 * when the objective's event arrives within its attribution window after they entered. With `stepId`, the treated
 * arm is the customers that agent node decided for (the holdout never reaches it).
 */
export async function journeyUplift(ctx: DomainContext, input: z.input<typeof UpliftInput>, now = new Date()) {
  const { journeyId, stepId, weeks } = UpliftInput.parse(input);
  const journey = await journeyOf(ctx, journeyId);
  const metric = ObjectiveMetricSchema.safeParse(journey.objective.metric);
  if (!metric.success) {
    const message = `The objective "${journey.objective.name}" has no metric to measure`;
    throw new AppError("PRECONDITION_FAILED", message, { userMessage: message });
  }
  const { event, windowDays } = metric.data;
  const from = new Date(now.getTime() - weeks * 7 * DAY);
  const rows = await ctx.db.$queryRaw<ArmRow[]>`
    select date_trunc('week', e."enteredAt") as "week", e."holdout", count(*) as "customers",
      count(*) filter (where exists (
        select 1 from "Event" ev
        where ev."workspaceId" = e."workspaceId" and ev."customerId" = e."customerId" and ev."name" = ${event}
          and ev."timestamp" >= e."enteredAt" and ev."timestamp" < e."enteredAt" + make_interval(days => ${windowDays})
      )) as "converted"
    from "Enrollment" e
    where e."workspaceId" = ${ctx.actor.workspaceId} and e."journeyId" = ${journeyId} and e."enteredAt" >= ${from}
      and (${stepId ?? null}::text is null or e."holdout" or exists (
        select 1 from "Decision" d where d."enrollmentId" = e."id" and d."stepId" = ${stepId ?? null}::text
      ))
    group by 1, 2
    order by 1`;
  const arms = (week: Date | null) => {
    const pick = (holdout: boolean) => {
      const mine = rows.filter((r) => r.holdout === holdout && (!week || r.week.getTime() === week.getTime()));
      return {
        customers: mine.reduce((n, r) => n + Number(r.customers), 0),
        conversions: mine.reduce((n, r) => n + Number(r.converted), 0),
      };
    };
    const treated = pick(false);
    const holdout = pick(true);
    return { treatedCounts: treated, holdoutCounts: holdout, ...liftAgainstHoldout(treated, holdout) };
  };
  const weekStarts = [...new Map(rows.map((r) => [r.week.getTime(), r.week])).values()];
  return {
    journeyId,
    stepId: stepId ?? null,
    objective: { name: journey.objective.name, event, windowDays, direction: metric.data.direction },
    overall: arms(null),
    weeks: weekStarts.map((week) => ({ week: week.toISOString().slice(0, 10), ...arms(week) })),
    method:
      "Conversion: the objective's event within its attribution window after entry. 95% intervals: Wilson per arm, " +
      "Newcombe's hybrid score interval for the difference.",
  };
}

const loggedRow = z.object({
  features: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  candidates: decisionOptionsSchema,
  chosenEdgeId: z.string(),
  propensity: z.number().nullable(),
  reward: z.number(),
});

const plainEstimate = (e: Estimate) => ({ value: e.value, low: e.low, high: e.high });

/**
 * What the node's logged decisions say the alternatives would have earned: uniform random, the best single option
 * (cross-fitted), always the fallback option (when the node has one) and the current policy, each by self-normalised
 * inverse propensity scoring and doubly robust estimation with 95% intervals, from the propensities logged with
 * every decision. Only rewarded decisions with a propensity count.
 */
export async function nodeOfflineEvaluation(
  ctx: DomainContext,
  input: z.input<typeof OfflineEvaluationInput>,
  now = new Date(),
) {
  const { journeyId, stepId, days } = OfflineEvaluationInput.parse(input);
  await journeyOf(ctx, journeyId);
  const rows = await ctx.db.decision.findMany({
    where: {
      workspaceId: ctx.actor.workspaceId,
      journeyId,
      stepId,
      reward: { not: null },
      createdAt: { gte: new Date(now.getTime() - days * DAY) },
    },
    orderBy: { createdAt: "desc" },
    take: MAX_LOGGED,
    select: { features: true, candidates: true, chosenEdgeId: true, propensity: true, reward: true, versionId: true },
  });
  const logged: LoggedDecision[] = rows.map((row) => {
    const r = loggedRow.parse(row);
    return {
      features: r.features as CustomerFeatures,
      candidates: r.candidates.map((c) => c.edgeId),
      chosen: r.chosenEdgeId,
      propensity: r.propensity,
      reward: r.reward,
    };
  });
  const latest = rows[0]?.versionId;
  const step = latest ? (await loadPlan(ctx.db, latest)).steps.get(stepId) : undefined;
  const decision = step?.kind === "agent" ? step.decision : null;
  const labelOf = (edgeId: string) => decision?.options.find((o) => o.edgeId === edgeId)?.label ?? edgeId;
  const fallback = decision?.fallback;
  const evaluation = offlineEvaluation(logged, [
    currentPolicy(),
    uniformRandom(),
    bestSingleOption(),
    ...(fallback ? [alwaysOption(fallback, `always “${labelOf(fallback)}” (the fallback)`)] : []),
  ]);
  return {
    decisions: evaluation.decisions,
    skipped: evaluation.skipped,
    clipped: evaluation.clipped,
    targets: evaluation.targets.map((t) => ({
      target: t.target,
      snips: plainEstimate(t.snips),
      dr: plainEstimate(t.dr),
      effectiveSampleSize: t.effectiveSampleSize,
      decisions: t.decisions,
      matched: t.matched,
    })),
    method:
      "Self-normalised inverse propensity scoring (SNIPS) and doubly robust (DR) estimates of each alternative's mean " +
      "reward per decision, from the propensities logged with the decisions; 95% intervals.",
  };
}
