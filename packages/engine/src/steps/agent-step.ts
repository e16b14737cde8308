import { type CustomerFacts, matchesRules, type PlanStepOf } from "@northstar/journey";
import type { DecisionCandidate } from "../policy";
import { reviewVerdictOf } from "../review";
import type { DecisionRecord, StepInput, StepOutcome, StepPorts } from "../types";
import { only } from "./common";

function eligibility(customer: CustomerFacts, step: PlanStepOf<"agent">) {
  const removed: { edgeId: string; label: string; reason: string }[] = [];
  const candidates: DecisionCandidate[] = [];
  for (const option of step.decision.options) {
    if (matchesRules(customer, option.eligibility)) {
      const { edgeId, label, description, target } = option;
      candidates.push({ edgeId, label, description, target });
    } else {
      const rules = option.eligibility.map((r) => `${r.field} ${r.operator} ${JSON.stringify(r.value ?? null)}`);
      removed.push({ edgeId: option.edgeId, label: option.label, reason: `eligibility: ${rules.join(" and ")}` });
    }
  }
  return { candidates, removed };
}

/**
 * An "agent decides" step: eligibility rules remove options, the policy chooses among the rest, and the decision
 * comes back for the caller to log. Nothing eligible takes the fallback option. A choice less confident than the
 * node's minimum takes the fallback when the node has one, else waits for a human (REVIEW); the reviewer's verdict
 * then resumes the step: approved goes the approved way, rejected takes the fallback or exits.
 */
export async function agentStep<C>(input: StepInput, ports: StepPorts<C>): Promise<StepOutcome<C>> {
  const step = input.step as PlanStepOf<"agent">;
  const { decision } = step;
  const labelOf = (edgeId: string) => decision.options.find((o) => o.edgeId === edgeId)?.label ?? edgeId;

  const verdict = reviewVerdictOf(input.enrollment.resumedBy);
  if (verdict) {
    if (verdict.approved && verdict.edgeId && decision.options.some((o) => o.edgeId === verdict.edgeId)) {
      return only({
        type: "advance",
        edgeId: verdict.edgeId,
        outcome: `reviewer approved "${labelOf(verdict.edgeId)}"`,
      });
    }
    if (decision.fallback) {
      return only({ type: "advance", edgeId: decision.fallback, outcome: "reviewer rejected: took the fallback" });
    }
    return only({
      type: "finish",
      state: "EXITED",
      reason: "review_rejected",
      outcome: "reviewer rejected the decision",
    });
  }

  const { candidates, removed } = eligibility(input.customer, step);
  const record = (fields: Omit<DecisionRecord, "stepId" | "candidates" | "removed">): DecisionRecord => ({
    stepId: step.id,
    candidates: candidates.map((c) => ({ edgeId: c.edgeId, label: c.label })),
    removed,
    ...fields,
  });

  if (candidates.length === 0) {
    const fallback = decision.fallback ?? decision.options[0]?.edgeId;
    if (!fallback) throw new Error(`Agent step ${step.id} has no option to take`);
    return {
      result: { type: "advance", edgeId: fallback, outcome: `no eligible option: took "${labelOf(fallback)}"` },
      decision: record({
        policy: "fallback",
        scores: {},
        chosenEdgeId: fallback,
        explore: false,
        confidence: 0,
        rationale: "No option was eligible; took the fallback option.",
        needsReview: false,
      }),
      blocks: [],
    };
  }

  const history = await ports.decisionHistory();
  const chosen = await ports.policy.choose({
    workspaceId: input.enrollment.workspaceId,
    journeyId: input.enrollment.journeyId,
    stepId: step.id,
    objective: input.plan.objective,
    decision,
    customer: input.customer,
    candidates,
    history,
    now: input.now,
  });
  if (!candidates.some((c) => c.edgeId === chosen.optionEdgeId)) {
    throw new Error(`Policy ${ports.policy.name} chose ${chosen.optionEdgeId}, which is not an eligible option`);
  }
  const policy = chosen.policy ?? ports.policy.name;
  const unsure = chosen.confidence < decision.minConfidence;
  const base = {
    policy,
    scores: chosen.scores,
    explore: chosen.explore,
    confidence: chosen.confidence,
    rationale: chosen.rationale,
  };
  if (unsure && !decision.fallback) {
    const reason = `confidence ${chosen.confidence.toFixed(2)} is below the node's minimum ${decision.minConfidence}`;
    return {
      result: {
        type: "park",
        state: "REVIEW",
        until: null,
        waitingFor: "review",
        outcome: `awaiting review: ${policy} proposed "${labelOf(chosen.optionEdgeId)}"`,
        review: { kind: "decision", reason, blocks: [] },
      },
      decision: record({ ...base, chosenEdgeId: chosen.optionEdgeId, needsReview: true }),
      blocks: [],
    };
  }
  if (unsure && decision.fallback) {
    const rationale = `${chosen.rationale} Confidence ${chosen.confidence.toFixed(2)} is below the node's minimum ${decision.minConfidence}: took the fallback option instead.`;
    return {
      result: {
        type: "advance",
        edgeId: decision.fallback,
        outcome: `low confidence: took "${labelOf(decision.fallback)}"`,
      },
      decision: record({ ...base, rationale, chosenEdgeId: decision.fallback, needsReview: false }),
      blocks: [],
    };
  }
  return {
    result: {
      type: "advance",
      edgeId: chosen.optionEdgeId,
      outcome: `${policy} chose "${labelOf(chosen.optionEdgeId)}"`,
    },
    decision: record({ ...base, chosenEdgeId: chosen.optionEdgeId, needsReview: false }),
    blocks: [],
  };
}
