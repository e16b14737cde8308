import type { Prisma } from "@northstar/db";
import { type ExecutionPlan, hasErrors } from "@northstar/journey";
import { AppError } from "../errors/app-error";
import { compileVersion } from "../journeys/compile-version";
import type { DomainContext } from "../workspace/scope";

type Db = DomainContext["db"] | Prisma.TransactionClient;

/**
 * The plan a simulation runs: the version's stored plan when it has one (published), else the version compiled now
 * (a draft). A draft with compile errors is refused with its diagnostics, as publication is.
 */
export async function planToSimulate(ctx: DomainContext, versionId: string, db: Db = ctx.db) {
  const { version, plan, diagnostics } = await compileVersion(ctx, versionId, db);
  const stored = version.plan as ExecutionPlan | null;
  if (stored && version.planHash) return { version, plan: stored };
  if (!plan || hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    throw new AppError("PRECONDITION_FAILED", `Simulation refused: ${errors.length} compile error(s)`, {
      userMessage: `Fix the ${errors.length} error(s) on the canvas before simulating.`,
      details: { diagnostics },
    });
  }
  return { version, plan };
}

/** The events the behaviour model must know: the objective's and every until-event wait's. */
export function eventsOf(plan: ExecutionPlan): string[] {
  const metric = plan.objective.metric as { event?: unknown } | null;
  const events = typeof metric?.event === "string" ? [metric.event] : [];
  for (const step of plan.steps) {
    if (step.kind === "wait" && step.wait.type === "until_event") events.push(step.wait.event);
  }
  return [...new Set(events)];
}

/** The longest frequency-cap window: how far back a customer's sends still count. */
export function capWindowHours(plan: ExecutionPlan): number {
  return Math.max(0, ...plan.guardrails.frequencyCaps.map((c) => c.windowHours));
}

/** The learned state of the plan's agent nodes (keyed `journeyId/stepId`), to start the simulated policy from. */
export async function policySnapshot(db: Db, workspaceId: string, journeyId: string, plan: ExecutionPlan) {
  const keys = plan.steps.filter((s) => s.kind === "agent").map((s) => `${journeyId}/${s.id}`);
  if (keys.length === 0) return {};
  const rows = await db.policyState.findMany({
    where: { workspaceId, nodeKey: { in: keys } },
    select: { nodeKey: true, state: true },
  });
  return Object.fromEntries(rows.map((r) => [r.nodeKey, r.state]));
}
