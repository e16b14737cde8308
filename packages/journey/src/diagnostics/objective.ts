import type { ResolvedContext } from "../compile/context";
import { type Diagnostic, diagnostic } from "./diagnostic";

/** MISSING_OBJECTIVE, UNKNOWN_OBJECTIVE. */
export function checkObjective(context: ResolvedContext, out: Diagnostic[]): void {
  if (!context.objectiveValid) return;
  const { objective, knownObjectiveIds } = context;
  if (!objective) {
    out.push(diagnostic("MISSING_OBJECTIVE", "The journey has no objective; choose the business result it must move."));
    return;
  }
  if (knownObjectiveIds && !knownObjectiveIds.has(objective.id)) {
    out.push(
      diagnostic(
        "UNKNOWN_OBJECTIVE",
        `Objective "${objective.name}" (${objective.id}) is not one of the admin's objectives.`,
        {
          details: { objectiveId: objective.id },
        },
      ),
    );
  }
}
