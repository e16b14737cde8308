import { matchesRules } from "@northstar/core";
import type { Prisma } from "@northstar/db";
import type { PlanStepOf } from "@northstar/journey";
import type { DecisionCandidate, DecisionPolicy } from "../policy/decision-policy";
import type { StepContext, StepResult } from "./step-context";

/**
 * An "agent decides" step: eligibility rules remove options first, the policy chooses among the rest, and the
 * decision with its explanation is logged in the step's transaction (so a retried step logs it once).
 */
export async function decide(ctx: StepContext, policy: DecisionPolicy): Promise<StepResult> {
  const step = ctx.step as PlanStepOf<"agent">;
  const { decision } = step;
  const customer = await ctx.customer();
  const removed: { edgeId: string; reason: string }[] = [];
  const candidates: DecisionCandidate[] = [];
  for (const option of decision.options) {
    if (matchesRules(customer, option.eligibility)) {
      candidates.push({
        edgeId: option.edgeId,
        label: option.label,
        description: option.description,
        target: option.target,
      });
    } else {
      const rules = option.eligibility.map((r) => `${r.field} ${r.operator} ${JSON.stringify(r.value ?? null)}`);
      removed.push({ edgeId: option.edgeId, reason: `eligibility: ${rules.join(" and ")}` });
    }
  }
  let chosen: {
    optionEdgeId: string;
    scores: Record<string, number>;
    explore: boolean;
    confidence: number;
    rationale: string;
  };
  let policyName = policy.name;
  const fallback = decision.fallback ?? decision.options[0]?.edgeId;
  if (candidates.length === 0) {
    if (!fallback) throw new Error(`Agent step ${step.id} has no option to take`);
    policyName = "fallback";
    chosen = {
      optionEdgeId: fallback,
      scores: {},
      explore: false,
      confidence: 0,
      rationale: "No option was eligible; took the fallback option.",
    };
  } else {
    const history = await ctx.tx.decision.findMany({
      where: { enrollmentId: ctx.enrollment.id },
      orderBy: { seq: "asc" },
      select: { stepId: true, chosenEdgeId: true, createdAt: true },
    });
    chosen = await policy.choose({
      workspaceId: ctx.enrollment.workspaceId,
      journeyId: ctx.enrollment.journeyId,
      stepId: step.id,
      objective: ctx.plan.plan.objective,
      decision,
      customer,
      candidates,
      history: history.map((h) => ({ stepId: h.stepId, chosenEdgeId: h.chosenEdgeId, at: h.createdAt })),
    });
    if (!candidates.some((c) => c.edgeId === chosen.optionEdgeId)) {
      throw new Error(`Policy ${policy.name} chose ${chosen.optionEdgeId}, which is not an eligible option`);
    }
  }
  await ctx.tx.decision.create({
    data: {
      workspaceId: ctx.enrollment.workspaceId,
      enrollmentId: ctx.enrollment.id,
      journeyId: ctx.enrollment.journeyId,
      versionId: ctx.enrollment.versionId,
      stepId: step.id,
      seq: ctx.enrollment.seq,
      customerId: customer.id,
      policy: policyName,
      candidates: candidates.map((c) => ({ edgeId: c.edgeId, label: c.label })) as Prisma.InputJsonValue,
      removed: removed as Prisma.InputJsonValue,
      scores: chosen.scores,
      chosenEdgeId: chosen.optionEdgeId,
      explore: chosen.explore,
      confidence: chosen.confidence,
      rationale: chosen.rationale,
    },
  });
  const label = decision.options.find((o) => o.edgeId === chosen.optionEdgeId)?.label ?? chosen.optionEdgeId;
  return { type: "advance", edgeId: chosen.optionEdgeId, outcome: `${policyName} chose "${label}"` };
}
