import {
  DECISION_PHASE_LABELS,
  type DecisionPhase,
  type ExecutionPlan,
  LEARNING_PHASE_OUTCOMES,
  type PlanStep,
} from "@northstar/journey";
import type { SimulationResults } from "./summary";

/** A node whose decisions go one way this often "sends everyone through one option". */
const ONE_WAY_SHARE = 0.95;
/** Fewer decisions than this say too little to call a node one-way. */
const MIN_DECISIONS = 20;

const count = (n: number) => n.toLocaleString("en-US");
const percent = (share: number) => `${Math.round(share * 100)}%`;
const plain = (code: string) => code.toLowerCase().replaceAll("_", " ");
const nameOf = (step: PlanStep | undefined, id: string) => `“${step?.name ?? id}”`;

function top(record: Record<string, number>, n = 3): [string, number][] {
  return Object.entries(record)
    .filter(([, value]) => value > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n);
}

/** Why no message went out: where customers stopped, and what blocked the sends that were tried. */
function whyNothingWasSent(
  results: Omit<SimulationResults, "findings">,
  plan: ExecutionPlan,
  steps: Map<string, PlanStep>,
) {
  const messageSteps = plan.steps.filter((s) => s.kind === "message");
  if (messageSteps.length === 0) return "No message was sent: the journey has no message step.";
  const reasons: string[] = [];
  const reached = messageSteps.reduce((sum, s) => sum + (results.nodes[s.id]?.customers ?? 0), 0);
  if (reached === 0) reasons.push("no customer reached a message step");
  for (const [stepId, n] of top(results.review.byStep))
    reasons.push(`${count(n)} customers wait for a person at ${nameOf(steps.get(stepId), stepId)}`);
  for (const [stepId, n] of top(results.waiting.byStep))
    reasons.push(
      `${count(n)} customers are still waiting at ${nameOf(steps.get(stepId), stepId)} when the horizon ends`,
    );
  const blocks = top(Object.fromEntries(Object.entries(results.blocks).map(([code, b]) => [code, b.total])));
  if (blocks.length > 0)
    reasons.push(
      `guardrails blocked the sends (${blocks.map(([code, n]) => `${plain(code)}: ${count(n)}`).join(", ")})`,
    );
  if (results.holdout === results.customers) reasons.push("every customer was in the holdout");
  return `No message was sent: ${reasons.length > 0 ? reasons.join("; ") : "no send was attempted"}.`;
}

function phaseShares(byPhase: Partial<Record<DecisionPhase, number>>, decisions: number): string {
  return top(byPhase as Record<string, number>)
    .map(([phase, n]) => `${DECISION_PHASE_LABELS[phase as DecisionPhase]} ${percent(n / decisions)}`)
    .join(", ");
}

/** Why an agent node sent (almost) every customer the same way. */
function oneWayReason(byPhase: Partial<Record<DecisionPhase, number>>, decisions: number): string {
  const share = (phase: DecisionPhase) => (byPhase[phase] ?? 0) / decisions;
  if (share("unsure_fallback") >= 0.5)
    return "its minimum confidence sent the unsure choices to the fallback option; lower it, or let the node learn longer";
  if (share("no_eligible") >= 0.5)
    return "no other option was eligible for these customers (the options' eligibility rules)";
  if (share("confident") >= 0.5) return "the agent is confident this option serves the objective best";
  return "the other options were rarely eligible or chosen";
}

/**
 * Plain-language explanations of a simulation that sends nothing, sends through one option only, or waits for people,
 * so a marketer reading the summary knows what to change.
 */
export function findingsOf(results: Omit<SimulationResults, "findings">, plan: ExecutionPlan): string[] {
  const steps = new Map(plan.steps.map((s) => [s.id, s]));
  const findings: string[] = [];
  if (results.customers > results.holdout && results.messages.total === 0)
    findings.push(whyNothingWasSent(results, plan, steps));
  for (const [stepId, shares] of Object.entries(results.options)) {
    const step = steps.get(stepId);
    const name = nameOf(step, stepId);
    const options = step?.kind === "agent" ? step.decision.options : [];
    const labelOf = (edgeId: string) => options.find((o) => o.edgeId === edgeId)?.label ?? edgeId;
    if (shares.decisions >= MIN_DECISIONS) {
      const [edgeId, top1] =
        top(Object.fromEntries(Object.entries(shares.byEdge).map(([e, v]) => [e, v.count])), 1)[0] ?? [];
      if (edgeId && top1 !== undefined && top1 / shares.decisions >= ONE_WAY_SHARE && options.length > 1) {
        findings.push(
          `Agent ${name} sent ${percent(top1 / shares.decisions)} of its customers through “${labelOf(edgeId)}”: ` +
            `${oneWayReason(shares.byPhase, shares.decisions)} (${phaseShares(shares.byPhase, shares.decisions)}).`,
        );
      }
    }
    const review = (shares.byPhase.unsure_review ?? 0) / Math.max(1, shares.decisions);
    if (review >= 0.2)
      findings.push(
        `${percent(review)} of the decisions at ${name} waited for a person: below the minimum confidence with no ` +
          "fallback option. Give the node a fallback option or lower its minimum confidence.",
      );
    if (shares.decisions > 0 && shares.byPhase.learning === shares.decisions)
      findings.push(
        `Agent ${name} was in its learning phase throughout: it tries every option until each has ` +
          `${LEARNING_PHASE_OUTCOMES} outcomes, so its shares here are what a new node does on its first customers.`,
      );
  }
  return findings;
}
