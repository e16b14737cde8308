import type { Prisma } from "@northstar/db";
import { AppError } from "../errors/app-error";
import { queueInstalled } from "../runtime/queue";
import type { DomainContext } from "../workspace/scope";
import { behaviourFromHistory } from "./behaviour-history";
import { eventsOf, planToSimulate } from "./plan";
import {
  OPEN_SIMULATION_STATUSES,
  parseStoredResults,
  SIMULATE_JOURNEY_TASK,
  type SimulationStatus,
  StartSimulationInput,
  type StartSimulationInputType,
  type StoredSettings,
  storedSettingsSchema,
} from "./schema";

type SimulationRow = Prisma.SimulationGetPayload<object>;

export function toSimulationView(row: SimulationRow) {
  return {
    id: row.id,
    journeyId: row.journeyId,
    versionId: row.versionId,
    status: row.status as SimulationStatus,
    progress: row.progress,
    settings: storedSettingsSchema.parse(row.settings),
    results: parseStoredResults(row.results),
    error: row.error,
    createdById: row.createdById,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}
export type SimulationView = ReturnType<typeof toSimulationView>;

async function defaultVersionId(ctx: DomainContext, journeyId: string): Promise<string> {
  const versions = await ctx.db.journeyVersion.findMany({
    where: { journeyId, workspaceId: ctx.actor.workspaceId },
    orderBy: { number: "desc" },
    select: { id: true, state: true },
  });
  const chosen = versions.find((v) => v.state === "DRAFT") ?? versions[0];
  if (!chosen) throw AppError.notFound("Journey", journeyId);
  return chosen.id;
}

/**
 * Queues a simulation of a journey's version (its draft by default). The plan is compiled now so that a draft with
 * errors is refused at once; the behaviour model is read from the workspace's history now, so the stored settings
 * say exactly what the run assumed.
 */
export async function startSimulation(ctx: DomainContext, raw: StartSimulationInputType): Promise<SimulationView> {
  const input = StartSimulationInput.parse(raw);
  const versionId = input.versionId ?? (await defaultVersionId(ctx, input.journeyId));
  const { version, plan } = await planToSimulate(ctx, versionId);
  if (version.journeyId !== input.journeyId) throw AppError.notFound("Version", versionId);
  if (!(await queueInstalled(ctx.db))) {
    throw new AppError("PRECONDITION_FAILED", "The job queue is not installed yet", {
      userMessage: "The worker has not started yet; try again in a minute.",
    });
  }
  // Start on the next whole minute so the entry times do not depend on when within a minute the run was asked for.
  const start = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
  const { behaviour, source } = await behaviourFromHistory(ctx.db, ctx.actor.workspaceId, eventsOf(plan), start);
  const settings: StoredSettings = storedSettingsSchema.parse({
    population: input.population,
    horizonDays: input.horizonDays,
    seed: input.seed ?? Math.floor(Math.random() * 2 ** 31),
    start,
    entryDays: 1,
    behaviour,
    behaviourSource: source,
  });
  const row = await ctx.db.$transaction(async (tx) => {
    const created = await tx.simulation.create({
      data: {
        workspaceId: ctx.actor.workspaceId,
        journeyId: input.journeyId,
        versionId,
        settings: settings as unknown as Prisma.InputJsonValue,
        createdById: ctx.actor.userId,
      },
    });
    await tx.$executeRaw`select graphile_worker.add_job(
      identifier => ${SIMULATE_JOURNEY_TASK}, payload => ${JSON.stringify({ simulationId: created.id })}::json,
      job_key => ${`simulation:${created.id}`}, max_attempts => 1)`;
    return created;
  });
  return toSimulationView(row);
}

async function findSimulation(ctx: DomainContext, id: string) {
  const row = await ctx.db.simulation.findFirst({ where: { id, workspaceId: ctx.actor.workspaceId } });
  if (!row) throw AppError.notFound("Simulation", id);
  return row;
}

export async function getSimulation(ctx: DomainContext, id: string): Promise<SimulationView> {
  return toSimulationView(await findSimulation(ctx, id));
}

/** The journey's latest simulation and the finished one before it, to compare against. */
export async function latestSimulation(ctx: DomainContext, journeyId: string) {
  const rows = await ctx.db.simulation.findMany({
    where: { journeyId, workspaceId: ctx.actor.workspaceId },
    orderBy: { createdAt: "desc" },
    take: 20,
  });
  const [latest, ...older] = rows;
  const previous = older.find((r) => r.status === "DONE");
  return {
    latest: latest ? toSimulationView(latest) : null,
    previous: previous ? toSimulationView(previous) : null,
  };
}

/** Asks a queued or running simulation to stop; the run checks between chunks and keeps what it has not stored. */
export async function cancelSimulation(ctx: DomainContext, id: string): Promise<SimulationView> {
  await findSimulation(ctx, id);
  await ctx.db.simulation.updateMany({
    where: { id, workspaceId: ctx.actor.workspaceId, status: { in: OPEN_SIMULATION_STATUSES } },
    data: { status: "CANCELLED", finishedAt: new Date() },
  });
  return getSimulation(ctx, id);
}
