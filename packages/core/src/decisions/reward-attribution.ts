import { applyReward, emptyBanditState, parseBanditState, type RewardObservation } from "@northstar/agent";
import type { Prisma, PrismaClient } from "@northstar/db";
import { nodeKeyOf } from "@northstar/engine";
import { z } from "zod";
import { NegativeSignalSchema, type ObjectiveMetric } from "../objectives/schema";
import { loadPlan } from "../runtime/plans";
import { closingReward } from "./attribution";
import { boundMetric } from "@northstar/journey";
import { postgresPolicyStateStore } from "./policy-state-store";

type Tx = Prisma.TransactionClient;

const featuresSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** An objective's negative signals as stored (JSON), by event name: the weight each adds to a decision's penalty. */
export function negativeWeights(stored: unknown): Map<string, number> {
  const signals = z.array(NegativeSignalSchema).safeParse(stored);
  return new Map((signals.success ? signals.data : []).map((s) => [s.event, s.weight]));
}

interface Objective {
  metric: ObjectiveMetric | null;
  negative: Map<string, number>;
}

/** The objective each version was published with, and the objective's current negative signals. */
async function objectivesOf(tx: Tx, versionIds: string[]): Promise<Map<string, Objective>> {
  const plans = await Promise.all([...new Set(versionIds)].map((id) => loadPlan(tx, id)));
  const rows = await tx.objective.findMany({
    where: { id: { in: [...new Set(plans.map((p) => p.plan.objective.id))] } },
    select: { id: true, negativeSignals: true },
  });
  const negative = new Map(rows.map((o) => [o.id, negativeWeights(o.negativeSignals)]));
  return new Map(
    plans.map((p) => [
      p.versionId,
      { metric: boundMetric(p.plan.objective), negative: negative.get(p.plan.objective.id) ?? new Map() },
    ]),
  );
}

const BATCH = 200;

/** Rewards the decisions whose attribution window closed without an outcome. Returns how many. */
export async function closeAttributionWindows(db: PrismaClient, now = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string; versionId: string; penalty: number }[]>`
      select "id", "versionId", "penalty" from "Decision"
      where "rewardedAt" is null and "attributionEndsAt" < ${now}
      order by "attributionEndsAt" limit ${BATCH} for update skip locked`;
    if (due.length === 0) return 0;
    const objectives = await objectivesOf(
      tx,
      due.map((d) => d.versionId),
    );
    for (const d of due) {
      const reward = closingReward(objectives.get(d.versionId)?.metric ?? null, d.penalty);
      await tx.decision.update({ where: { id: d.id }, data: { reward, rewardedAt: now } });
    }
    return due.length;
  });
}

interface Rewarded {
  id: string;
  versionId: string;
  workspaceId: string;
  journeyId: string;
  stepId: string;
  chosenEdgeId: string;
  policy: string;
  features: unknown;
  reward: number;
}

/** Applies one node's rewards to its stored state with one save, reloading when another writer saved first. */
async function learnNode(tx: Tx, workspaceId: string, nodeKey: string, observations: RewardObservation[]) {
  const store = postgresPolicyStateStore(tx, workspaceId);
  for (let attempt = 0; attempt < 20; attempt++) {
    const stored = await store.load(nodeKey);
    let state = stored ? parseBanditState(stored.state) : emptyBanditState();
    for (const observation of observations) state = applyReward(state, observation);
    if ((await store.save(nodeKey, state, stored?.version ?? null)).ok) return;
  }
  throw new Error(`policy state of node ${nodeKey} kept changing; ${observations.length} rewards not recorded`);
}

/**
 * Feeds rewarded decisions to the learning policy, each exactly once: the policy state updates and the decisions'
 * `learnedAt` commit together (the state store works inside this transaction). A batch's rewards for one node are
 * applied in order and saved once. Decisions taken without a choice (no eligible option: the fallback) teach nothing
 * and are only marked. Returns how many were handled.
 */
export async function learnRewards(db: PrismaClient, now = new Date()): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<Rewarded[]>`
        select "id", "versionId", "workspaceId", "journeyId", "stepId", "chosenEdgeId", "policy", "features", "reward"
        from "Decision" where "learnedAt" is null and "rewardedAt" is not null and "reward" is not null
        order by "rewardedAt", "id" limit ${BATCH} for update skip locked`;
      const byNode = new Map<string, { workspaceId: string; nodeKey: string; observations: RewardObservation[] }>();
      const plans = new Map(
        await Promise.all(
          [...new Set(rows.map((r) => r.versionId))].map(async (id) => [id, await loadPlan(tx, id)] as const),
        ),
      );
      for (const d of rows) {
        if (d.policy === "fallback") continue;
        // Encoded as the decision was: the version's own learnsFrom (traits and cuts) for this node.
        const step = plans.get(d.versionId)?.steps.get(d.stepId);
        const context = step?.kind === "agent" ? step.decision.learnsFrom : undefined;
        const nodeKey = nodeKeyOf(d.journeyId, d.stepId);
        const key = `${d.workspaceId}\u0000${nodeKey}`;
        const group = byNode.get(key) ?? { workspaceId: d.workspaceId, nodeKey, observations: [] };
        group.observations.push({
          nodeId: nodeKey,
          edgeId: d.chosenEdgeId,
          features: featuresSchema.catch({}).parse(d.features),
          reward: d.reward,
          ...(context ? { context } : {}),
        });
        byNode.set(key, group);
      }
      for (const group of byNode.values()) await learnNode(tx, group.workspaceId, group.nodeKey, group.observations);
      if (rows.length > 0) {
        await tx.decision.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { learnedAt: now } });
      }
      return rows.length;
    },
    { timeout: 60_000 },
  );
}

/** The reward cron: close the windows that ended, then learn from everything rewarded, batch by batch. */
export async function settleRewards(db: PrismaClient, now = new Date()): Promise<{ closed: number; learned: number }> {
  let closed = 0;
  let learned = 0;
  for (let batch = 0; batch < 25; batch++) {
    const n = await closeAttributionWindows(db, now);
    closed += n;
    if (n < BATCH) break;
  }
  for (let batch = 0; batch < 25; batch++) {
    const n = await learnRewards(db, now);
    learned += n;
    if (n < BATCH) break;
  }
  return { closed, learned };
}
