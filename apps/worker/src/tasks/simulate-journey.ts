import { runSimulationJob, SIMULATE_JOURNEY_TASK } from "@northstar/core";
import { defineTask } from "@northstar/runtime";
import { z } from "zod";
import type { WorkerDeps } from "./heartbeat";

/** Runs a queued journey simulation (see packages/core/src/simulation); it only writes its own Simulation row. */
export const simulateJourneyTask = defineTask({
  name: SIMULATE_JOURNEY_TASK,
  payload: z.object({ simulationId: z.string().min(1) }),
  async handler({ simulationId }, deps: WorkerDeps) {
    return runSimulationJob(deps.db, simulationId);
  },
});
