import type { Prisma, PrismaClient } from "@northstar/db";
import { boundMetric, type ExecutionPlan, PLAN_VERSION, type PlanStep } from "@northstar/journey";
import { z } from "zod";

type Reader = Pick<Prisma.TransactionClient, "journeyVersion">;

/** The envelope checked on every read; the steps were validated by compile when the version was published. */
const storedPlanSchema = z.looseObject({
  planVersion: z.literal(PLAN_VERSION),
  hash: z.string().min(1),
  objective: z.looseObject({ id: z.string(), name: z.string(), metric: z.unknown() }),
  entryStepIds: z.array(z.string()),
  steps: z.array(z.looseObject({ id: z.string(), kind: z.string(), successors: z.array(z.unknown()) })),
});

export interface LoadedPlan {
  versionId: string;
  journeyId: string;
  workspaceId: string;
  plan: ExecutionPlan;
  steps: Map<string, PlanStep>;
  /** The objective's metric event: its arrival exits the customer as a goal. */
  goalEvent: string | null;
}

// A published plan is immutable, so a process may keep it for its lifetime.
const cache = new Map<string, LoadedPlan>();

export async function loadPlan(db: Reader | PrismaClient, versionId: string): Promise<LoadedPlan> {
  const hit = cache.get(versionId);
  if (hit) return hit;
  const version = await db.journeyVersion.findUniqueOrThrow({
    where: { id: versionId },
    select: { id: true, journeyId: true, workspaceId: true, plan: true },
  });
  const parsed = storedPlanSchema.safeParse(version.plan);
  if (!parsed.success) throw new Error(`Version ${versionId} has no valid execution plan: ${parsed.error.message}`);
  const plan = version.plan as unknown as ExecutionPlan;
  const loaded: LoadedPlan = {
    versionId,
    journeyId: version.journeyId,
    workspaceId: version.workspaceId,
    plan,
    steps: new Map(plan.steps.map((s) => [s.id, s])),
    goalEvent: boundMetric(plan.objective)?.event ?? null,
  };
  cache.set(versionId, loaded);
  return loaded;
}

/** The plans customers can enter now: the published version of each live journey of the workspace. */
export async function livePlans(db: Reader | PrismaClient, workspaceId: string): Promise<LoadedPlan[]> {
  const versions = await db.journeyVersion.findMany({
    where: { workspaceId, state: "PUBLISHED", planHash: { not: null }, journey: { status: "LIVE" } },
    select: { id: true },
  });
  return Promise.all(versions.map((v) => loadPlan(db, v.id)));
}
