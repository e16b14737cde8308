import { type CustomerFacts, decisionPhase, describePhase, type PlanStepOf, splitEligible } from "@northstar/journey";
import type { DecisionCandidate } from "../policy";
import { reviewVerdictOf } from "../review";
import type { DecisionRecord, StepInput, StepOutcome, StepPorts } from "../types";
import { only } from "./common";

function eligibility(customer: CustomerFacts, step: PlanStepOf<"agent">) {
  const { eligible, removed } = splitEligible(customer, step.decision.options);
  const candidates: DecisionCandidate[] = eligible.map(({ edgeId, label, description, target }) => ({
    edgeId,
    label,
    description,
    target,
  }));
  return { candidates, removed };
}

/**
 * An "agent decides" step: eligibility rules remove options, the policy chooses among the rest, and the decision
 * comes back for the caller to log. A holdout customer gets no decision (and so teaches the policy nothing). Nothing eligible takes the fallback option. The node's minimum confidence gates
 * the choice as journey's decision-gate.ts says (never in the learning phase, never an exploring choice): an unsure
 * choice takes the fallback when the node has one, else waits for a human (REVIEW); the reviewer's verdict then
 * resumes the step: approved goes the approved way, rejected takes the fallback or exits.
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

  if (input.enrollment.holdout) {
    // The holdout measures the journey against doing nothing: the agent neither decides for these customers nor
    // learns from them (their outcomes would credit options they never received). They follow one fixed path.
    const path = decision.fallback ?? decision.options[0]?.edgeId;
    if (!path) throw new Error(`Agent step ${step.id} has no option to take`);
    return only({ type: "advance", edgeId: path, outcome: "holdout: no decision" });
  }

  const { candidates, removed } = eligibility(input.customer, step);
  const record = (fields: Omit<DecisionRecord, "stepId" | "requestedPolicy" | "candidates" | "removed">) => ({
    stepId: step.id,
    requestedPolicy: decision.policy,
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
        fallbackReason: "no option was eligible",
        phase: "no_eligible",
        propensity: 1,
        scores: {},
        chosenEdgeId: fallback,
        explore: false,
        confidence: 0,
        rationale: describePhase("no_eligible", { confidence: 0, evidence: 0, minConfidence: decision.minConfidence }),
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
  if (!candidates.some((c) => c.edgeId === chosen.chosenEdgeId)) {
    throw new Error(`Policy ${ports.policy.name} chose ${chosen.chosenEdgeId}, which is not an eligible option`);
  }
  const { policy } = chosen;
  const gate = { confidence: chosen.confidence, evidence: chosen.evidence, minConfidence: decision.minConfidence };
  const phase = decisionPhase({ ...gate, explore: chosen.explore, hasFallback: decision.fallback !== null });
  const fields = {
    policy,
    fallbackReason: chosen.fallbackReason ?? null,
    phase,
    scores: chosen.scores,
    explore: chosen.explore,
    confidence: chosen.confidence,
    rationale: `${chosen.rationale} ${describePhase(phase, gate)}`,
  };
  if (phase === "unsure_review") {
    return {
      result: {
        type: "park",
        state: "REVIEW",
        until: null,
        waitingFor: "review",
        outcome: `awaiting review: ${policy} proposed "${labelOf(chosen.chosenEdgeId)}"`,
        review: { kind: "decision", reason: describePhase(phase, gate), blocks: [] },
      },
      decision: record({ ...fields, propensity: null, chosenEdgeId: chosen.chosenEdgeId, needsReview: true }),
      blocks: [],
    };
  }
  if (phase === "unsure_fallback" && decision.fallback) {
    return {
      result: {
        type: "advance",
        edgeId: decision.fallback,
        outcome: `low confidence: took "${labelOf(decision.fallback)}"`,
      },
      decision: record({ ...fields, propensity: null, chosenEdgeId: decision.fallback, needsReview: false }),
      blocks: [],
    };
  }
  return {
    result: {
      type: "advance",
      edgeId: chosen.chosenEdgeId,
      outcome: `${policy} chose "${labelOf(chosen.chosenEdgeId)}"`,
    },
    decision: record({
      ...fields,
      propensity: chosen.propensities[chosen.chosenEdgeId] ?? null,
      chosenEdgeId: chosen.chosenEdgeId,
      needsReview: false,
    }),
    blocks: [],
  };
}
