/**
 * The baseline the step benches compare against, measured in the same run: the runtime as it ran steps before they
 * released their connection, each step on the one connection it borrowed first, model or provider call included, on
 * graphile-worker's default pool. The runtime today borrows a connection per statement, on a pool sized by
 * `queuePoolSize`.
 */
import { type RunStepDeps, runStep } from "@northstar/runtime";
import type { Task } from "graphile-worker";

export const GRAPHILE_DEFAULT_POOL = 10;

export type StepMode = "released" | "held";

/** The `run-step` task of the baseline: the whole step on the connection graphile-worker lends the job. */
export function heldRunStep(deps: RunStepDeps): Task {
  return (payload, helpers) =>
    helpers.withPgClient((client) => runStep(deps, (work) => work(client), payload as never)).then(() => undefined);
}
