/**
 * The runtime decision policy on PostgreSQL: how long an agent decision takes when the learning state is read from
 * the PolicyState table, how fast rewards reach that state (learnRewards: exactly-once, in one transaction per
 * batch), and how large a node's state grows. Prints JSON.
 *
 *   pnpm --filter @northstar/bench decision-store [--rewards=5000] [--decisions=1000]
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { learnRewards, runtimeDecisionPolicy } from "@northstar/core";
import { createPrismaClient } from "@northstar/db";
import { migrateDatabase, startEmbeddedPostgres } from "@northstar/db/setup";
import type { PlanStepOf } from "@northstar/journey";
import { clickJourney, publishJourney, runtimeWorkspace } from "@northstar/runtime/testing";
import { loadPlan } from "@northstar/core";
import pg from "pg";

const arg = (name: string, fallback: number) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};
const REWARDS = arg("rewards", 5_000);
const DECISIONS = arg("decisions", 1_000);

const dir = mkdtempSync("/tmp/northstar-decision-store-");
chmodSync(dir, 0o755);
const server = await startEmbeddedPostgres({ dataDir: join(dir, "data"), log: () => {} });
const admin = new pg.Client({ connectionString: server.urlFor("postgres") });
await admin.connect();
await admin.query("create database bench");
await admin.end();
const url = server.urlFor("bench");
await migrateDatabase(url);
const db = createPrismaClient(url);

try {
  const setup = await runtimeWorkspace(db);
  const { journeyId, versionId } = await publishJourney(setup.ctx, setup.objective.id, clickJourney(), "Bench");
  const plan = (await loadPlan(db, versionId)).plan;
  const agent = plan.steps.find((s) => s.id === "choose") as PlanStepOf<"agent">;
  const plans = ["trial", "pro", "team"];
  const countries = ["fr", "de", "us", "br", "jp"];
  // Option A converts pro customers, option B the others: the state has something to learn.
  const rate = (edgeId: string, plan: string) =>
    edgeId === "opt-a" ? (plan === "pro" ? 0.3 : 0.05) : plan === "pro" ? 0.05 : 0.2;
  let random = 42;
  const next = () => {
    random = (random * 1_103_515_245 + 12_345) % 2 ** 31;
    return random / 2 ** 31;
  };
  const customer = await db.customer.create({ data: { workspaceId: setup.workspace.id, externalId: "bench" } });
  const enrollment = await db.enrollment.create({
    data: { workspaceId: setup.workspace.id, journeyId, versionId, customerId: customer.id, state: "COMPLETED" },
  });
  const rows = Array.from({ length: REWARDS }, (_, i) => {
    const features = { plan: plans[i % 3] as string, country: countries[i % 5] as string };
    const edgeId = next() < 0.5 ? "opt-a" : "opt-b";
    return {
      workspaceId: setup.workspace.id,
      enrollmentId: enrollment.id,
      journeyId,
      versionId,
      stepId: "choose",
      seq: i + 1,
      customerId: customer.id,
      policy: "learning",
      candidates: [],
      scores: {},
      chosenEdgeId: edgeId,
      explore: false,
      confidence: 0.5,
      rationale: "",
      features,
      reward: next() < rate(edgeId, features.plan) ? 1 : 0,
      rewardedAt: new Date(),
    };
  });
  for (let i = 0; i < rows.length; i += 1000) await db.decision.createMany({ data: rows.slice(i, i + 1000) });

  const learnStart = performance.now();
  let learned = 0;
  for (let n = await learnRewards(db); n > 0; n = await learnRewards(db)) learned += n;
  const learnMs = performance.now() - learnStart;

  const policy = runtimeDecisionPolicy({ db, llm: null });
  const latencies: number[] = [];
  const chosenForPro: Record<string, number> = {};
  for (let i = 0; i < DECISIONS; i++) {
    const traits = { plan: plans[i % 3] as string, country: countries[i % 5] as string };
    const started = performance.now();
    const out = await policy.choose({
      workspaceId: setup.workspace.id,
      journeyId,
      stepId: "choose",
      objective: plan.objective,
      decision: { ...agent.decision, exploration: 0 },
      customer: { id: `c${i}`, email: null, phone: null, timeZone: null, consent: { email: true }, traits },
      candidates: agent.decision.options.slice(0, 2).map(({ edgeId, label, description, target }) => ({
        edgeId,
        label,
        description,
        target,
      })),
      history: [],
      now: new Date(),
    });
    latencies.push(performance.now() - started);
    if (traits.plan === "pro") chosenForPro[out.chosenEdgeId] = (chosenForPro[out.chosenEdgeId] ?? 0) + 1;
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round((latencies[Math.floor(p * (latencies.length - 1))] ?? 0) * 1000) / 1000;
  const size = await db.$queryRaw<{ bytes: number; version: number }[]>`
    select pg_column_size("state")::int as "bytes", "version" from "PolicyState" where "nodeKey" = ${`${journeyId}/choose`}`;
  console.log(
    JSON.stringify(
      {
        rewards: REWARDS,
        learned,
        learnRewardsPerSecond: Math.round((learned / learnMs) * 1000),
        stateVersion: size[0]?.version ?? null,
        stateBytesStored: size[0]?.bytes ?? null,
        decisions: DECISIONS,
        chooseMs: { p50: pct(0.5), p95: pct(0.95), max: pct(1) },
        proCustomersChose: chosenForPro,
      },
      null,
      2,
    ),
  );
} finally {
  await db.$disconnect();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
