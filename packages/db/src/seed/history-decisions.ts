import { randomBytes } from "node:crypto";
import {
  type CustomerFeatures,
  customerFeatures,
  type DecisionInput,
  InMemoryPolicyStateStore,
  LearningPolicy,
  type Random,
  seededRandom,
} from "@northstar/agent";
import {
  boundMetric,
  type CustomerFacts,
  decisionPhase,
  describePhase,
  type ExecutionPlan,
  type PlanDecision,
  type PlanStep,
  splitEligible,
} from "@northstar/journey";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { bulkInsert } from "./history-sql";
import { DAY_MS, type Traffic } from "./history-traffic";

/** Days of decisions per agent node: its most recent days with traffic, up to this many. */
const DECISION_DAYS = 60;
/** Rewards reach the policy through a minutely job: one is learned this long after it arrived. */
const LEARN_LAG_MS = 60_000;
/** Decisions per node and day at most: the node's traffic, thinned on busy days to keep the seed fast. */
const DAILY_DECISIONS = 25;
const PLUS_SHARE = 0.35;
const US_TIME_ZONE = "America/New_York";

/** An option's chance of the objective within its window: a base rate, moved for plus members and US customers. */
interface Rate {
  base: number;
  plus?: number;
  us?: number;
}

/**
 * What the agent nodes are there to find out, hidden from them: per option, the chance that the customer meets the
 * objective within its window, by plan and country (read from the time zone); `holdout`, without any message. Each
 * node has an option that is best overall and one that wins in a segment, so both shares and segments move.
 */
const RESPONSES: Record<string, { holdout: number; options: Record<string, Rate> }> = {
  "pp-agent": {
    holdout: 0.08,
    options: {
      "pp-thanks": { base: 0.22, plus: -0.06 },
      "pp-review": { base: 0.1, plus: 0.22 },
      "pp-cross": { base: 0.08, us: 0.04 },
    },
  },
  "ws-agent": {
    holdout: 0.1,
    options: { "ws-tips": { base: 0.26, us: -0.12 }, "ws-sms-option": { base: 0.12, us: 0.16 } },
  },
  "wb-agent": {
    holdout: 0.06,
    options: { "wb-mail-option": { base: 0.18 }, "wb-sms-option": { base: 0.06, plus: 0.28 } },
  },
  "ba-agent": {
    holdout: 0.05,
    options: { "ba-mail": { base: 0.12 }, "ba-text": { base: 0.04, plus: 0.22 }, "ba-skip": { base: 0.05 } },
  },
  "tn-agent": {
    holdout: 0.12,
    options: { "tn-setup": { base: 0.3, plus: -0.16 }, "tn-team": { base: 0.1, plus: 0.3 } },
  },
  "tr-agent": {
    holdout: 0.1,
    options: { "tr-mail-option": { base: 0.3 }, "tr-sms-option": { base: 0.14, us: 0.06 } },
  },
};
const UNKNOWN_RATE: Rate = { base: 0.15 };

/** The hidden chance that a customer with these features meets the objective after this option (null: holdout). */
export function responseRate(stepId: string, edgeId: string | null, features: CustomerFeatures): number {
  const node = RESPONSES[stepId];
  if (edgeId === null) return node?.holdout ?? 0.1;
  const rate = node?.options[edgeId] ?? UNKNOWN_RATE;
  const plus = features.plan === "plus" ? (rate.plus ?? 0) : 0;
  return rate.base + plus + (features.timeZone === US_TIME_ZONE ? (rate.us ?? 0) : 0);
}

export interface DecisionHistoryResult {
  nodes: Array<{ journeyId: string; stepId: string; decisions: number; days: number }>;
  holdouts: number;
}

interface Customer {
  id: string;
  externalId: string | null;
  /** What eligibility rules read (traits, time zone, consent), as the engine reads the customer. */
  facts: CustomerFacts;
  /** What the policy sees of the customer (customerFeatures of its traits and time zone). */
  features: CustomerFeatures;
}

/** One published version as the node's customers meet it. */
interface NodeVersion {
  id: string;
  /** Customers who entered from then on run on this version. */
  publishedAt: number;
  steps: Map<string, PlanStep>;
  decision: PlanDecision;
  objective: DecisionInput["objective"];
  /** The objective's event and attribution window. */
  event: string | null;
  windowMs: number;
  holdoutShare: number;
  /** The duration waits between entry and the node, and the transitions on the way (the decision's `seq`). */
  approach: { ms: number; seq: number };
}

type DecisionRow = Record<string, unknown> & { chosenEdgeId: string; reward: number | null; learnedAt: Date | null };

interface Simulation {
  workspaceId: string;
  now: number;
  customers: Customer[];
  store: InMemoryPolicyStateStore;
  decisions: DecisionRow[];
  enrollments: Array<Record<string, unknown>>;
  holdouts: string[];
  events: Array<Record<string, unknown>>;
}

const id = () => `hist_${randomBytes(9).toString("base64url")}`;
const successor = (step: PlanStep) => step.successors.find((s) => s.handle !== "timeout") ?? step.successors[0];

/**
 * Decision history for every agent node of the live demo journeys, made by the built-in learning policy itself: on
 * each node's most recent 60 days with traffic (up to DAILY_DECISIONS customers a day), real seeded customers meet
 * the node, the policy chooses from what it has learned so far, the customer converts or not by a hidden per-segment
 * response model, and the reward reaches the policy when the conversion happens or the attribution window closes.
 * The rows are what the runtime writes (Decision, a finished Enrollment each, the objective's Event per conversion);
 * about 5% of customers are held out (no decision, conversions all the same). The policy's end state is saved under
 * the node key, so live decisions continue from it; rewards still to come are left open for the worker to settle.
 * Gives the customers the trait the policy learns on besides the time zone (plan).
 */
export async function seedDecisionHistory(
  prisma: PrismaClient,
  workspaceId: string,
  journeys: ReadonlyArray<{ id: string; traffic: Traffic }>,
  now: Date,
): Promise<DecisionHistoryResult> {
  const store = new InMemoryPolicyStateStore();
  const sim: Simulation = {
    workspaceId,
    now: now.getTime(),
    customers: await withPlans(prisma, workspaceId, seededRandom(41)),
    store,
    decisions: [],
    enrollments: [],
    holdouts: [],
    events: [],
  };
  const versions = await prisma.journeyVersion.findMany({
    where: {
      workspaceId,
      journeyId: { in: journeys.map((j) => j.id) },
      state: { in: ["PUBLISHED", "SUPERSEDED"] },
      journey: { status: "LIVE" },
    },
    select: { id: true, journeyId: true, state: true, publishedAt: true, plan: true },
    orderBy: { number: "asc" },
  });
  const result: DecisionHistoryResult = { nodes: [], holdouts: 0 };
  for (const journey of journeys) {
    const mine = versions.filter((v) => v.journeyId === journey.id && v.plan !== null);
    const live = mine.find((v) => v.state === "PUBLISHED")?.plan as ExecutionPlan | undefined;
    for (const step of live?.steps ?? []) {
      if (step.kind !== "agent") continue;
      const nodeVersions = mine.flatMap((v) =>
        nodeVersion(v.id, v.publishedAt, v.plan as unknown as ExecutionPlan, step.id),
      );
      const seed = 1_000 + 2 * result.nodes.length;
      result.nodes.push(
        await simulateNode(sim, { journeyId: journey.id, stepId: step.id, seed }, nodeVersions, journey.traffic),
      );
    }
  }
  result.holdouts = sim.holdouts.length;
  await writeRows(prisma, sim);
  const states: Prisma.PolicyStateCreateManyInput[] = [];
  for (const { journeyId, stepId } of result.nodes) {
    const nodeKey = `${journeyId}/${stepId}`;
    const saved = await store.load(nodeKey);
    if (!saved) continue;
    states.push({ workspaceId, nodeKey, state: saved.state as Prisma.InputJsonValue, version: saved.version });
  }
  await prisma.policyState.createMany({ data: states });
  return result;
}

/**
 * The seeded customers, each given a plan (written to its traits). No country: it would only repeat the time zone,
 * which the policy sees anyway, and each redundant trait makes every decision slower.
 */
async function withPlans(prisma: PrismaClient, workspaceId: string, rnd: Random): Promise<Customer[]> {
  const rows = await prisma.customer.findMany({
    where: { workspaceId },
    select: { id: true, externalId: true, email: true, phone: true, timeZone: true, consent: true, traits: true },
    orderBy: { externalId: "asc" },
  });
  const plans = rows.map(() => (rnd() < PLUS_SHARE ? "plus" : "basic"));
  await prisma.$executeRawUnsafe(
    `update "Customer" c set "traits" = c."traits" || jsonb_build_object('plan', t."plan")
     from unnest($1::text[], $2::text[]) as t("id", "plan") where c."id" = t."id"`,
    rows.map((c) => c.id),
    plans,
  );
  return rows.map((c, i) => {
    const traits = { ...(c.traits as Record<string, unknown>), plan: plans[i] };
    const consent = (c.consent ?? {}) as Record<string, unknown>;
    return {
      id: c.id,
      externalId: c.externalId,
      facts: { email: c.email, phone: c.phone, timeZone: c.timeZone, consent, traits },
      features: customerFeatures(traits, c.timeZone),
    };
  });
}

function nodeVersion(id: string, publishedAt: Date | null, plan: ExecutionPlan, stepId: string): NodeVersion[] {
  const steps = new Map(plan.steps.map((s) => [s.id, s]));
  const step = steps.get(stepId);
  if (step?.kind !== "agent") return [];
  const entry = steps.get(plan.entryStepIds[0] ?? "");
  const approach = { ms: 0, seq: 0 };
  for (let at = entry?.id; at && at !== stepId && approach.seq < steps.size; approach.seq++) {
    const on = steps.get(at) as PlanStep;
    if (on.kind === "wait" && on.wait.type === "duration") approach.ms += on.wait.minutes * 60_000;
    at = successor(on)?.target;
  }
  const metric = boundMetric(plan.objective);
  return [
    {
      id,
      publishedAt: publishedAt?.getTime() ?? 0,
      steps,
      decision: step.decision,
      objective: { id: plan.objective.id, name: plan.objective.name, ...(metric ? { metric } : {}) },
      event: metric?.event ?? null,
      windowMs: (metric?.windowDays ?? 14) * DAY_MS,
      holdoutShare: entry?.kind === "entry" ? entry.config.holdoutShare : 0,
      approach,
    },
  ];
}

/** Where a path ends when no event comes: until-event waits run to their timeout. */
function pathEnd(version: NodeVersion, stepId: string, from: number) {
  let at: string | undefined = stepId;
  let time = from;
  let seq = 0;
  for (; at && seq <= version.steps.size; seq++) {
    const step = version.steps.get(at);
    if (!step) break;
    if (step.kind === "goal") return { time, seq, state: "COMPLETED", reason: "goal" };
    if (step.kind === "exit") return { time, seq, state: "EXITED", reason: step.config.reason as string };
    let next = successor(step);
    if (step.kind === "wait" && step.wait.type === "duration") time += step.wait.minutes * 60_000;
    if (step.kind === "wait" && step.wait.type === "until_event") {
      time += step.wait.timeoutMinutes * 60_000;
      next = step.successors.find((s) => s.handle === "timeout") ?? next;
    }
    at = next?.target;
  }
  return { time, seq, state: "EXITED", reason: "dead_end" };
}

/** When customers reach the node: on its most recent days with traffic, as many as its counters say, thinned. */
function arrivals(sim: Simulation, rnd: Random, stepId: string, versions: NodeVersion[], traffic: Traffic) {
  const incoming = new Set(
    versions.flatMap((v) => [...v.steps.values()].flatMap((s) => s.successors.filter((e) => e.target === stepId))),
  );
  const inflow = (d: number) =>
    [...incoming].reduce((sum, edge) => sum + (traffic.edges.get(edge.edgeId)?.[d] ?? 0), 0);
  const today = sim.now - (sim.now % DAY_MS);
  const days = traffic.entries
    .map((_, d) => d)
    .filter((d) => inflow(d) > 0)
    .slice(0, DECISION_DAYS)
    .reverse();
  // Oldest day first, so that the days before today come out the same whatever the time of day.
  const times = days.flatMap((d) => {
    const start = today - d * DAY_MS;
    const span = d === 0 ? sim.now - start : DAY_MS;
    const count = Math.round((Math.min(inflow(d), DAILY_DECISIONS) * span) / DAY_MS);
    return Array.from({ length: count }, () => start + rnd() * span);
  });
  return { days: days.length, times: times.sort((a, b) => a - b) };
}

/**
 * Runs one agent node over its days: decisions in time order, each reward learned once it has arrived. Each node
 * draws from its own seeds, so one node's history does not depend on another's.
 */
async function simulateNode(
  sim: Simulation,
  { journeyId, stepId, seed }: { journeyId: string; stepId: string; seed: number },
  versions: NodeVersion[],
  traffic: Traffic,
): Promise<DecisionHistoryResult["nodes"][number]> {
  const { now } = sim;
  const rnd = seededRandom(seed);
  const policy = new LearningPolicy({ store: sim.store, random: seededRandom(seed + 1) });
  const nodeKey = `${journeyId}/${stepId}`;
  // Rewards still to learn, latest first, so the next one due is popped from the end.
  const pending: Array<{ at: number; row: DecisionRow; features: CustomerFeatures }> = [];
  const learnUntil = async (time: number) => {
    for (let next = pending.at(-1); next && next.at + LEARN_LAG_MS <= time; next = pending.at(-1)) {
      pending.pop();
      const { row, features } = next;
      await policy.update({ nodeId: nodeKey, edgeId: row.chosenEdgeId, features, reward: row.reward as number });
      row.learnedAt = new Date(next.at + LEARN_LAG_MS);
    }
  };
  const { days, times } = arrivals(sim, rnd, stepId, versions, traffic);
  let decisions = 0;
  for (const time of times) {
    await learnUntil(time);
    // The customer runs on the version that was live when it entered, before the waits that lead to the node.
    const version = versions.findLast((v) => v.publishedAt <= time - v.approach.ms) ?? (versions[0] as NodeVersion);
    const customer = sim.customers[Math.floor(rnd() * sim.customers.length)] as Customer;
    const enrollmentId = id();
    const { decision, windowMs } = version;
    if (rnd() < version.holdoutShare) {
      // Held out: no decision, the fallback option's path without its message, conversions all the same.
      sim.holdouts.push(enrollmentId);
      const converted = rnd() < responseRate(stepId, null, customer.features);
      const chosen = decision.fallback ?? decision.options[0]?.edgeId ?? "";
      finish(sim, {
        enrollmentId,
        journeyId,
        version,
        customer,
        chosen,
        time,
        converted,
        at: time + windowMs * rnd() ** 2,
      });
      continue;
    }
    const row = await decide(sim, policy, { nodeKey, enrollmentId, journeyId, stepId, version, customer, time });
    decisions++;
    const converted = rnd() < responseRate(stepId, row.chosenEdgeId, customer.features);
    const at = converted ? time + windowMs * rnd() ** 2 : time + windowMs;
    if (at <= now) {
      row.reward = converted ? 1 : 0;
      row.rewardedAt = new Date(at);
      let i = pending.findIndex((p) => p.at <= at);
      if (i === -1) i = pending.length;
      pending.splice(i, 0, { at, row, features: customer.features });
    }
    finish(sim, { enrollmentId, journeyId, version, customer, chosen: row.chosenEdgeId, time, converted, at });
  }
  await learnUntil(now);
  return { journeyId, stepId, decisions, days };
}

/** The policy's choice through the engine's gate (packages/engine agent-step.ts), logged as the runtime logs it. */
async function decide(
  sim: Simulation,
  policy: LearningPolicy,
  d: {
    nodeKey: string;
    enrollmentId: string;
    journeyId: string;
    stepId: string;
    version: NodeVersion;
    customer: Customer;
    time: number;
  },
): Promise<DecisionRow> {
  const { decision } = d.version;
  const { features } = d.customer;
  // Options whose rules the customer fails are removed first, as the engine does (agent-step.ts).
  const { eligible, removed } = splitEligible(d.customer.facts, decision.options);
  if (eligible.length === 0) throw new Error(`demo node ${d.stepId} offers nothing to customer ${d.customer.id}`);
  const result = await policy.choose({
    objective: d.version.objective,
    customer: { id: d.customer.id, features },
    candidates: eligible.map(({ edgeId, label, description }) => ({ edgeId, label, description })),
    node: {
      id: d.nodeKey,
      exploration: decision.exploration,
      minConfidence: decision.minConfidence,
      fallbackEdgeId: decision.fallback,
    },
  });
  const gate = { confidence: result.confidence, evidence: result.evidence, minConfidence: decision.minConfidence };
  const phase = decisionPhase({ ...gate, explore: result.explore, hasFallback: decision.fallback !== null });
  const unsure = phase === "unsure_review" || phase === "unsure_fallback";
  const row: DecisionRow = {
    id: id(),
    workspaceId: sim.workspaceId,
    enrollmentId: d.enrollmentId,
    journeyId: d.journeyId,
    versionId: d.version.id,
    stepId: d.stepId,
    seq: d.version.approach.seq,
    customerId: d.customer.id,
    requestedPolicy: decision.policy,
    policy: result.policy,
    fallbackReason: result.fallbackReason ?? null,
    phase,
    propensity: unsure ? null : (result.propensities[result.chosenEdgeId] ?? null),
    candidates: JSON.stringify(eligible.map(({ edgeId, label }) => ({ edgeId, label }))),
    removed: JSON.stringify(removed),
    scores: JSON.stringify(result.scores),
    chosenEdgeId: phase === "unsure_fallback" && decision.fallback ? decision.fallback : result.chosenEdgeId,
    explore: result.explore,
    confidence: result.confidence,
    rationale: `${result.rationale} ${describePhase(phase, gate)}`,
    needsReview: phase === "unsure_review",
    features: JSON.stringify(features),
    attributionEndsAt: new Date(d.time + d.version.windowMs),
    reward: null,
    rewardedAt: null,
    learnedAt: null,
    createdAt: new Date(d.time),
  };
  sim.decisions.push(row);
  return row;
}

/**
 * The enrollment, finished where the chosen option's path ends, or at the conversion if that comes first (the
 * objective's event completes an open enrollment), and the conversion's event once it has happened.
 */
function finish(
  sim: Simulation,
  e: {
    enrollmentId: string;
    journeyId: string;
    version: NodeVersion;
    customer: Customer;
    chosen: string;
    time: number;
    converted: boolean;
    /** When the customer converts, if it does. */
    at: number;
  },
) {
  const target = e.version.decision.options.find((o) => o.edgeId === e.chosen)?.target ?? "";
  const end = pathEnd(e.version, target, e.time);
  const goal = e.converted && e.at < end.time;
  const finishedAt = new Date(Math.min(goal ? e.at : end.time, sim.now));
  sim.enrollments.push({
    id: e.enrollmentId,
    workspaceId: sim.workspaceId,
    journeyId: e.journeyId,
    versionId: e.version.id,
    customerId: e.customer.id,
    state: goal ? "COMPLETED" : end.state,
    exitReason: goal ? "goal" : end.reason,
    seq: e.version.approach.seq + 1 + end.seq,
    enteredAt: new Date(e.time - e.version.approach.ms),
    updatedAt: finishedAt,
    finishedAt,
  });
  if (e.converted && e.version.event && e.at <= sim.now) {
    const at = new Date(e.at);
    sim.events.push({
      id: id(),
      workspaceId: sim.workspaceId,
      messageId: `history:${e.enrollmentId}`,
      type: "track",
      name: e.version.event,
      userId: e.customer.externalId,
      customerId: e.customer.id,
      timestamp: at,
      receivedAt: at,
      processedAt: at,
    });
  }
}

/** Columns of one type, for the inserts below. */
const typed = <T extends string>(type: T, ...names: string[]): Record<string, T> =>
  Object.fromEntries(names.map((name) => [name, type]));

/** The Decision columns that are not text. */
const DECISION_TYPES: Record<string, string> = {
  seq: "int",
  phase: '"DecisionPhase"',
  ...typed("float8", "propensity", "confidence", "reward"),
  ...typed("boolean", "explore", "needsReview"),
  ...typed("jsonb", "candidates", "removed", "scores", "features"),
  ...typed("timestamptz", "attributionEndsAt", "rewardedAt", "learnedAt", "createdAt"),
};

/**
 * Decisions through `unnest` like bulkInsert, with the column types it does not take (jsonb, boolean, float8, the
 * phase enum): one statement per 5,000 rows.
 */
async function insertDecisions(prisma: PrismaClient, rows: DecisionRow[]) {
  const names = Object.keys(rows[0] ?? {});
  for (let start = 0; start < rows.length; start += 5_000) {
    const part = rows.slice(start, start + 5_000);
    const arrays = names.map((name) =>
      part.map((row) => {
        const value = row[name];
        return value instanceof Date ? value.toISOString() : (value ?? null);
      }),
    );
    const list = names.map((n) => `"${n}"`).join(", ");
    const unnest = names.map((n, i) => `$${i + 1}::${DECISION_TYPES[n] ?? "text"}[]`).join(", ");
    await prisma.$executeRawUnsafe(`insert into "Decision" (${list}) select * from unnest(${unnest})`, ...arrays);
  }
}

async function writeRows(prisma: PrismaClient, sim: Simulation) {
  const enrollment = typed("text", "id", "workspaceId", "journeyId", "versionId", "customerId", "state", "exitReason");
  await bulkInsert(
    prisma,
    "Enrollment",
    { ...enrollment, seq: "int", ...typed("timestamptz", "enteredAt", "updatedAt", "finishedAt") },
    sim.enrollments,
  );
  await prisma.$executeRawUnsafe(`update "Enrollment" set "holdout" = true where "id" = any($1::text[])`, sim.holdouts);
  await insertDecisions(prisma, sim.decisions);
  const event = typed("text", "id", "workspaceId", "messageId", "type", "name", "userId", "customerId");
  await bulkInsert(
    prisma,
    "Event",
    { ...event, ...typed("timestamptz", "timestamp", "receivedAt", "processedAt") },
    sim.events,
  );
}
