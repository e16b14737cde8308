import type { Prisma, PrismaClient, Role } from "@northstar/db";
import { SimulationCancelled, simulate } from "@northstar/simulation";
import type { DomainContext } from "../workspace/scope";
import { capWindowHours, planToSimulate, policySnapshot } from "./plan";
import { loadPopulation } from "./population";
import { storedSettingsSchema } from "./schema";

/** Progress is written when it moved by at least this much (and the status read back then). */
const PROGRESS_STEP = 0.02;

/**
 * Runs a queued simulation: loads the plan and the population, simulates, stores progress every few percent and
 * the results at the end. Reads customers, messages and events; writes only its own Simulation row (never counters,
 * policy state, the outbox, enrollments or the step log). A status flipped to CANCELLED stops it at the next chunk.
 */
export async function runSimulationJob(db: PrismaClient, simulationId: string): Promise<string> {
  const claimed = await db.simulation.updateMany({
    where: { id: simulationId, status: "QUEUED" },
    data: { status: "RUNNING", startedAt: new Date() },
  });
  if (claimed.count === 0) return "not queued";
  const row = await db.simulation.findUniqueOrThrow({ where: { id: simulationId } });
  try {
    const settings = storedSettingsSchema.parse(row.settings);
    // The job acts for the person who asked; the role only matters to permission checks, which the API did.
    const ctx: DomainContext = {
      db,
      actor: { userId: row.createdById, workspaceId: row.workspaceId, role: "MARKETER" as Role },
    };
    const { plan } = await planToSimulate(ctx, row.versionId);
    const customers = await loadPopulation(db, row.workspaceId, settings, capWindowHours(plan));
    const snapshot = await policySnapshot(db, row.workspaceId, row.journeyId, plan);
    const controller = new AbortController();
    let written = 0;
    const results = await simulate({
      plan,
      workspaceId: row.workspaceId,
      journeyId: row.journeyId,
      versionId: row.versionId,
      customers,
      policySnapshot: snapshot,
      settings: {
        horizonDays: settings.horizonDays,
        seed: settings.seed,
        start: settings.start,
        entryDays: settings.entryDays,
        behaviour: settings.behaviour,
      },
      chunkSize: Math.max(200, Math.ceil(customers.length / 100)),
      signal: controller.signal,
      onProgress: async (progress) => {
        if (progress - written < PROGRESS_STEP && progress < 1) return;
        written = progress;
        const updated = await db.simulation.updateMany({
          where: { id: simulationId, status: "RUNNING" },
          data: { progress: Math.min(progress, 0.99) },
        });
        if (updated.count === 0) controller.abort();
      },
    });
    const done = await db.simulation.updateMany({
      where: { id: simulationId, status: "RUNNING" },
      data: {
        status: "DONE",
        progress: 1,
        results: results as unknown as Prisma.InputJsonValue,
        finishedAt: new Date(),
      },
    });
    return done.count === 1 ? `simulated ${results.customers} customers` : "cancelled";
  } catch (error) {
    if (error instanceof SimulationCancelled) return "cancelled";
    const message = error instanceof Error ? error.message : String(error);
    await db.simulation.updateMany({
      where: { id: simulationId, status: "RUNNING" },
      data: { status: "FAILED", error: message.slice(0, 2_000), finishedAt: new Date() },
    });
    return `failed: ${message}`;
  }
}
