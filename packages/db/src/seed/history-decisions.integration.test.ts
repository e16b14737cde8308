import { type CustomerFeatures, parseBanditState } from "@northstar/agent";
import { describePhase } from "@northstar/journey";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/index";
import { seedDemo } from "./demo";
import { seedHistory } from "./history";
import { responseRate } from "./history-decisions";

interface AgentNode {
  journeyId: string;
  journey: string;
  objective: string;
  stepId: string;
  /** Options any customer may get (no eligibility rule). */
  options: string[];
  /** Options whose rule no customer meets any more: the demo's stale agent branches. */
  withdrawn: string[];
}
interface StoredDefinition {
  nodes: Array<{ id: string; kind: string }>;
  edges: Array<{ id: string; source: string; option?: { eligibility: unknown[] } }>;
}

let db: TestDatabase;
let workspaceId: string;
let nodes: AgentNode[];

beforeAll(async () => {
  db = await createTestDatabase();
  const { workspaces } = await seedDemo(db.prisma);
  workspaceId = workspaces.acme.id;
  await seedHistory(db.prisma);
  const live = await db.prisma.journeyVersion.findMany({
    where: { workspaceId, state: "PUBLISHED", journey: { status: "LIVE" } },
    include: { journey: { select: { name: true, objective: { select: { name: true } } } } },
  });
  nodes = live.flatMap((v) => {
    const definition = v.definition as unknown as StoredDefinition;
    return definition.nodes
      .filter((n) => n.kind === "agent")
      .map((n) => ({
        journeyId: v.journeyId,
        journey: v.journey.name,
        objective: v.journey.objective.name,
        stepId: n.id,
        options: definition.edges
          .filter((e) => e.source === n.id && e.option?.eligibility.length === 0)
          .map((e) => e.id),
        withdrawn: definition.edges
          .filter((e) => e.source === n.id && (e.option?.eligibility.length ?? 0) > 0)
          .map((e) => e.id),
      }));
  });
}, 180_000);
afterAll(() => db?.drop());

const decisionsOf = (node: AgentNode) =>
  db.prisma.decision.findMany({
    where: { journeyId: node.journeyId, stepId: node.stepId },
    orderBy: { createdAt: "asc" },
  });

describe("seeded decision history", () => {
  it("gives every live agent node a month or more of decisions, every offered option, rewards and a saved policy", async () => {
    expect(nodes.map((n) => n.journey).sort()).toEqual([
      "Browse abandonment",
      "Post-purchase follow-up",
      "Trial expiry rescue",
      "Trial nurture",
      "Welcome series",
      "Win-back 90 days",
    ]);
    for (const node of nodes) {
      const decisions = await decisionsOf(node);
      const days = new Set(decisions.map((d) => d.createdAt.toISOString().slice(0, 10)));
      expect(days.size, node.journey).toBeGreaterThanOrEqual(30);
      expect(new Set(decisions.map((d) => d.chosenEdgeId)), node.journey).toEqual(new Set(node.options));
      expect(
        decisions.some((d) => d.reward === 1),
        node.journey,
      ).toBe(true);
      expect(
        decisions.some((d) => d.reward === 0),
        node.journey,
      ).toBe(true);
      const phases = new Set(decisions.map((d) => d.phase));
      expect(phases.has("learning") && phases.has("confident"), `${node.journey}: ${[...phases]}`).toBe(true);

      const stored = await db.prisma.policyState.findUniqueOrThrow({
        where: { workspaceId_nodeKey: { workspaceId, nodeKey: `${node.journeyId}/${node.stepId}` } },
      });
      const state = parseBanditState(stored.state);
      expect(Object.keys(state.options).sort(), node.journey).toEqual([...node.options].sort());
      // The state holds exactly the rewards marked learned.
      const learned = decisions.filter((d) => d.learnedAt !== null).length;
      expect(Object.values(state.options).reduce((n, o) => n + o.n, 0)).toBe(learned);
    }
  });

  it("never chooses an option the dashboard shows as stale: its rule removes it, and its edge has not fired since", async () => {
    const staleAfter = new Date(Date.now() - 90 * 86_400_000);
    const withdrawn = nodes.flatMap((node) => node.withdrawn.map((edgeId) => ({ node, edgeId })));
    expect(withdrawn.map((w) => w.edgeId).sort()).toEqual(["ba-text", "pp-cross", "tn-team", "tr-sms-option"]);
    for (const { node, edgeId } of withdrawn) {
      const activity = await db.prisma.edgeActivity.findUnique({
        where: { journeyId_edgeId: { journeyId: node.journeyId, edgeId } },
      });
      if (activity) expect(activity.lastFiredAt.getTime(), edgeId).toBeLessThan(staleAfter.getTime());
      const decisions = await decisionsOf(node);
      expect(
        decisions.filter((d) => d.chosenEdgeId === edgeId),
        edgeId,
      ).toEqual([]);
      for (const d of decisions)
        expect(d.removed, edgeId).toContainEqual({
          edgeId,
          label: expect.any(String),
          reason: expect.stringMatching(/^eligibility: /),
        });
    }
  });

  it("shifts each node's choices toward the option that is best for each customer", async () => {
    // A node with one option left (its other withdrawn) has nothing to choose.
    const choosing = nodes.filter((node) => node.options.length > 1);
    expect(choosing.length).toBeGreaterThanOrEqual(4);
    for (const node of choosing) {
      const decisions = await decisionsOf(node);
      const rate = (d: (typeof decisions)[number], edgeId: string) =>
        responseRate(node.stepId, edgeId, d.features as CustomerFeatures);
      const best = (d: (typeof decisions)[number]) => Math.max(...node.options.map((o) => rate(d, o)));
      const share = (part: typeof decisions) =>
        part.filter((d) => rate(d, d.chosenEdgeId) === best(d)).length / part.length;
      // Its first three days, at cold start, against its last fifth.
      const start = decisions[0]!.createdAt.getTime();
      const early = share(decisions.filter((d) => d.createdAt.getTime() < start + 3 * 86_400_000));
      const late = share(decisions.slice(-Math.floor(decisions.length / 5)));
      expect(late, `${node.journey}: ${early.toFixed(2)} -> ${late.toFixed(2)}`).toBeGreaterThan(early + 0.1);
    }
  });

  it("writes each decision as the runtime does, with its finished enrollment", async () => {
    const now = Date.now();
    for (const node of nodes) {
      const decisions = await decisionsOf(node);
      const enrollments = await db.prisma.enrollment.findMany({
        where: { id: { in: decisions.map((d) => d.enrollmentId) } },
      });
      expect(enrollments).toHaveLength(decisions.length);
      for (const e of enrollments) {
        expect(e.holdout).toBe(false);
        expect(["COMPLETED", "EXITED"]).toContain(e.state);
        expect(e.finishedAt!.getTime()).toBeLessThanOrEqual(now);
      }
      for (const d of decisions) {
        expect(d.requestedPolicy).toBe("learning");
        expect(d.policy).toBe("learning");
        expect((d.candidates as Array<{ edgeId: string }>).map((c) => c.edgeId).sort()).toEqual(
          [...node.options].sort(),
        );
        expect((d.removed as Array<{ edgeId: string }>).map((r) => r.edgeId).sort()).toEqual(
          [...node.withdrawn].sort(),
        );
        expect(Object.keys(d.scores as object).sort()).toEqual([...node.options].sort());
        expect(d.features).toMatchObject({ plan: expect.any(String), timeZone: expect.any(String) });
        const unsure = d.phase === "unsure_fallback" || d.phase === "unsure_review";
        expect(d.propensity === null, d.phase).toBe(unsure);
        // The policy's rationale, then the gate's sentence (the learning phase's names the evidence).
        if (d.phase === "learning") expect(d.rationale).toMatch(/\. Learning phase: .* of 30 outcomes/);
        else
          expect(d.rationale.endsWith(describePhase(d.phase, { ...d, evidence: 30, minConfidence: 0.6 }))).toBe(true);
        expect(d.rewardedAt === null).toBe(d.reward === null);
        if (d.learnedAt) expect(d.learnedAt.getTime()).toBeGreaterThanOrEqual(d.rewardedAt!.getTime());
        // Rewards arrive with a delay: a conversion within the window, a zero when it closes.
        if (d.rewardedAt) expect(d.rewardedAt.getTime()).toBeGreaterThan(d.createdAt.getTime());
        if (d.reward === 0) expect(d.rewardedAt).toEqual(d.attributionEndsAt);
        if (d.reward === null) expect(d.attributionEndsAt!.getTime()).toBeGreaterThan(now - 60_000);
      }
    }
  });

  it("holds out about 5% of the customers, with conversions (the objective's event within its window)", async () => {
    for (const node of nodes) {
      // As a treated-against-holdout comparison counts: treated are the customers the node decided for.
      const arms = await db.prisma.$queryRaw<Array<{ holdout: boolean; entries: bigint; converted: bigint }>>`
        select e."holdout", count(*) as "entries", count(*) filter (where exists (
          select from "Event" v join "Objective" o on o."name" = ${node.objective}
          where v."customerId" = e."customerId" and v."name" = o."metric"->>'event' and v."timestamp" >= e."enteredAt"
            and v."timestamp" < e."enteredAt" + make_interval(days => (o."metric"->>'windowDays')::int)
        )) as "converted"
        from "Enrollment" e
        where e."journeyId" = ${node.journeyId}
          and (e."holdout" or exists (select from "Decision" d where d."enrollmentId" = e."id"))
        group by 1`;
      const arm = (holdout: boolean) => {
        const row = arms.find((a) => a.holdout === holdout);
        return { entries: Number(row?.entries ?? 0), rate: Number(row?.converted ?? 0) / Number(row?.entries ?? 1) };
      };
      const [treated, holdout] = [arm(false), arm(true)];
      const share = holdout.entries / (holdout.entries + treated.entries);
      expect(share, node.journey).toBeGreaterThan(0.02);
      expect(share, node.journey).toBeLessThan(0.09);
      expect(holdout.rate, node.journey).toBeGreaterThan(0);
    }
    const decided = await db.prisma.$queryRaw<Array<{ n: bigint }>>`
      select count(*) as "n" from "Decision" d join "Enrollment" e on e."id" = d."enrollmentId" where e."holdout"`;
    expect(Number(decided[0]!.n)).toBe(0);
  });

  it("does nothing the second time", async () => {
    const before = await db.prisma.decision.count();
    expect(await seedHistory(db.prisma)).toEqual({ created: false, journeys: 0 });
    expect(await db.prisma.decision.count()).toBe(before);
  });
});
