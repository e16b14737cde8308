import type { PlanStepOf } from "@northstar/journey";
import { agentStep } from "./steps/agent-step";
import { follow, only } from "./steps/common";
import { reviewStep, ruleSplitStep, waitStep } from "./steps/flow-steps";
import { messageStep } from "./steps/message-step";
import type { StepInput, StepOutcome, StepPorts } from "./types";

/**
 * What one step of a plan does for one customer at `now`: where they go next and what must be recorded. Pure apart
 * from the ports, so the runtime (PostgreSQL, graphile-worker, wall clock) and the simulator (memory, virtual clock)
 * run the same logic.
 */
export async function evaluateStep<C>(input: StepInput, ports: StepPorts<C>): Promise<StepOutcome<C>> {
  const { step } = input;
  switch (step.kind) {
    case "entry":
      return only(follow(step, "entered"));
    case "agent":
      return agentStep(input, ports);
    case "message":
      return messageStep(input, ports);
    case "wait":
      return only(waitStep(input));
    case "rule_split":
      return only(ruleSplitStep(input));
    case "review":
      return only(reviewStep(input));
    case "goal":
      return only({ type: "finish", state: "COMPLETED", reason: "goal", outcome: "goal reached" });
    case "exit":
      return only({
        type: "finish",
        state: "EXITED",
        reason: (step as PlanStepOf<"exit">).config.reason,
        outcome: "exited",
      });
  }
}
