import type { ExecutionPlan, PlanStep } from "./plan";

/**
 * The options of an agent step that send nothing: no message step can follow them (before the journey ends, or before
 * the path comes back to this agent). "Send nothing" is then a real choice the agent learns about like any other, and
 * each time it is chosen a message is avoided.
 */
export function silentOptions(plan: Pick<ExecutionPlan, "steps">, stepId: string): Set<string> {
  const steps = new Map<string, PlanStep>(plan.steps.map((s) => [s.id, s]));
  const agent = steps.get(stepId);
  const silent = new Set<string>();
  if (agent?.kind !== "agent") return silent;
  for (const option of agent.decision.options) {
    const seen = new Set<string>([stepId]);
    const queue = [option.target];
    let sends = false;
    while (queue.length > 0 && !sends) {
      const id = queue.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      const step = steps.get(id);
      if (!step) continue;
      if (step.kind === "message") sends = true;
      else for (const successor of step.successors) queue.push(successor.target);
    }
    if (!sends) silent.add(option.edgeId);
  }
  return silent;
}
