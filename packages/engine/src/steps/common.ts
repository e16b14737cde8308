import type { PlanStep } from "@northstar/journey";
import type { StepOutcome, StepResult } from "../types";

/** The first (or the given) successor, or a dead-end exit when the step has none. */
export function follow(step: PlanStep, outcome: string, edgeIds?: readonly string[]): StepResult {
  const edgeId = edgeIds ? edgeIds[0] : step.successors[0]?.edgeId;
  if (!edgeId) return { type: "finish", state: "EXITED", reason: "dead_end", outcome: `${outcome} (no successor)` };
  return { type: "advance", edgeId, outcome };
}

export const only = <C>(result: StepResult): StepOutcome<C> => ({ result, blocks: [] });
