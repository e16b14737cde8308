import { matchesRules, type PlanStepOf } from "@northstar/journey";
import { reviewVerdictOf } from "../review";
import type { StepInput, StepResult } from "../types";
import { follow } from "./common";

const MINUTE = 60_000;

/**
 * Waits park the customer until a time (the caller schedules the step again then). An until-event wait is woken
 * early by the event (the caller sets `resumedBy`); otherwise it times out.
 */
export function waitStep(input: StepInput): StepResult {
  const step = input.step as PlanStepOf<"wait">;
  const { wait } = step;
  const { enrollment, now } = input;
  if (wait.type === "agent_send_time") {
    // The send-time decision is the agent node's ("send_time" decisions choose among wait branches).
    return follow(step, "send time: now");
  }
  if (wait.type === "until_event" && enrollment.resumedBy) {
    return follow(step, `"${wait.event}" arrived`, wait.onEvent);
  }
  if (!enrollment.waitUntil) {
    const minutes = wait.type === "duration" ? wait.minutes : wait.timeoutMinutes;
    const until = new Date(now.getTime() + minutes * MINUTE);
    const waitingFor = wait.type === "until_event" ? wait.event : null;
    return { type: "park", state: "WAITING", until, waitingFor, outcome: `waiting until ${until.toISOString()}` };
  }
  if (enrollment.waitUntil.getTime() > now.getTime()) {
    return {
      type: "park",
      state: "WAITING",
      until: enrollment.waitUntil,
      waitingFor: enrollment.waitingFor,
      outcome: "still waiting",
    };
  }
  if (wait.type === "until_event") return follow(step, `timed out waiting for "${wait.event}"`, wait.onTimeout);
  return follow(step, "wait over");
}

/** Legacy if/then: the first branch whose rules match, else the "else" branch. */
export function ruleSplitStep(input: StepInput): StepResult {
  const { branches } = input.step as PlanStepOf<"rule_split">;
  for (const branch of branches) {
    if (branch.condition.type !== "rules") continue;
    const ok =
      branch.condition.match === "all"
        ? matchesRules(input.customer, branch.condition.rules)
        : branch.condition.rules.some((rule) => matchesRules(input.customer, [rule]));
    if (ok) return { type: "advance", edgeId: branch.edgeId, outcome: "rules matched" };
  }
  const otherwise = branches.find((b) => b.condition.type === "else");
  if (otherwise) return { type: "advance", edgeId: otherwise.edgeId, outcome: "else branch" };
  return { type: "finish", state: "EXITED", reason: "no_branch", outcome: "no branch matched" };
}

/** A human approval step: the customer waits in REVIEW until a reviewer approves or rejects. */
export function reviewStep(input: StepInput): StepResult {
  const step = input.step as PlanStepOf<"review">;
  const verdict = reviewVerdictOf(input.enrollment.resumedBy);
  if (verdict?.approved) return follow(step, "approved", step.review.onApproved);
  if (verdict) {
    if (step.review.onRejected.length > 0) return follow(step, "rejected", step.review.onRejected);
    return { type: "finish", state: "EXITED", reason: "review_rejected", outcome: "rejected" };
  }
  return {
    type: "park",
    state: "REVIEW",
    until: null,
    waitingFor: "review",
    outcome: "awaiting human review",
    review: {
      kind: "step",
      reason: `Approval by a ${step.review.approverRole.toLowerCase()} is required.`,
      blocks: [],
    },
  };
}
