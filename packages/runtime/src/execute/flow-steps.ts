import { matchesRules } from "@northstar/core";
import type { PlanStepOf } from "@northstar/journey";
import type { StepContext, StepResult } from "./step-context";

const MINUTE = 60_000;

function first(ctx: StepContext, edgeIds?: string[]): StepResult {
  const edgeId = edgeIds ? edgeIds[0] : ctx.step.successors[0]?.edgeId;
  if (!edgeId) return { type: "finish", state: "EXITED", reason: "dead_end", outcome: "no successor" };
  return { type: "advance", edgeId, outcome: "continued" };
}

/**
 * Waits park the customer with a scheduled job (run_at). An until-event wait is woken early by the event (the
 * event processor sets `resumedBy` and re-schedules the job to now); otherwise it times out.
 */
export function waitStep(ctx: StepContext): StepResult {
  const { wait } = ctx.step as PlanStepOf<"wait">;
  const { enrollment, now } = ctx;
  if (wait.type === "agent_send_time") {
    // Send-time optimisation comes with the decisioning policies; until then "now" is the chosen time.
    return { ...first(ctx), outcome: "send time: now" };
  }
  if (wait.type === "until_event" && enrollment.resumedBy) {
    return { ...first(ctx, wait.onEvent), outcome: `"${wait.event}" arrived` };
  }
  if (!enrollment.waitUntil) {
    const minutes = wait.type === "duration" ? wait.minutes : wait.timeoutMinutes;
    const until = new Date(now.getTime() + minutes * MINUTE);
    const waitingFor = wait.type === "until_event" ? wait.event : null;
    return { type: "park", until, waitingFor, state: "WAITING", outcome: `waiting until ${until.toISOString()}` };
  }
  if (enrollment.waitUntil.getTime() > now.getTime()) {
    return {
      type: "park",
      until: enrollment.waitUntil,
      waitingFor: enrollment.waitingFor,
      state: "WAITING",
      outcome: "still waiting",
    };
  }
  if (wait.type === "until_event")
    return { ...first(ctx, wait.onTimeout), outcome: `timed out waiting for "${wait.event}"` };
  return { ...first(ctx), outcome: "wait over" };
}

/** Legacy if/then: the first branch whose rules match, else the "else" branch. */
export async function ruleSplitStep(ctx: StepContext): Promise<StepResult> {
  const { branches } = ctx.step as PlanStepOf<"rule_split">;
  const customer = await ctx.customer();
  for (const branch of branches) {
    if (branch.condition.type !== "rules") continue;
    const ok =
      branch.condition.match === "all"
        ? matchesRules(customer, branch.condition.rules)
        : branch.condition.rules.some((rule) => matchesRules(customer, [rule]));
    if (ok) return { type: "advance", edgeId: branch.edgeId, outcome: "rules matched" };
  }
  const otherwise = branches.find((b) => b.condition.type === "else");
  if (otherwise) return { type: "advance", edgeId: otherwise.edgeId, outcome: "else branch" };
  return { type: "finish", state: "EXITED", reason: "no_branch", outcome: "no branch matched" };
}
