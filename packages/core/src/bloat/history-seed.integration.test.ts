import { seedDemo, seedHistory } from "@northstar/db/setup";
import { createTestDatabase, type TestDatabase } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileVersion } from "../journeys/compile-version";
import type { DomainContext } from "../workspace/scope";
import { dashboardOverview } from "./overview";
import { messagePressure } from "./pressure";
import { previewPrune } from "./prune-branch";
import { listStaleBranches } from "./stale-branches";

describe("demo history seed", () => {
  let t: TestDatabase;
  let ctx: DomainContext;

  beforeAll(async () => {
    t = await createTestDatabase();
    const demo = await seedDemo(t.prisma);
    expect(await seedHistory(t.prisma)).toEqual({ created: true, journeys: 13 });
    expect(await seedHistory(t.prisma)).toEqual({ created: false, journeys: 0 });
    const manager = await t.prisma.user.findUniqueOrThrow({ where: { email: "manager@northstar.local" } });
    ctx = { db: t.prisma, actor: { userId: manager.id, workspaceId: demo.workspaces.acme.id, role: "MANAGER" } };
  }, 120_000);
  afterAll(() => t?.drop());

  it("seeds journeys whose every version compiles without errors, published ones with their execution plan", async () => {
    const versions = await t.prisma.journeyVersion.findMany({ where: { workspaceId: ctx.actor.workspaceId } });
    expect(versions.length).toBeGreaterThanOrEqual(13);
    for (const version of versions) {
      const { diagnostics, plan } = await compileVersion(ctx, version.id);
      expect(
        diagnostics.filter((d) => d.severity === "error"),
        version.id,
      ).toEqual([]);
      // The stored plan is the one publishing would store (same hash), so the runtime can run the demo journeys.
      if (version.state !== "DRAFT") expect(version.planHash, version.id).toBe(plan?.hash);
    }
  });

  it("shows stale, idle and overlapping journeys, spares paused and young ones, keeps history across versions", async () => {
    const stale = await listStaleBranches(ctx, {});
    const byJourney = new Map<string, string[]>();
    for (const s of stale) byJourney.set(s.journeyName, [...(byJourney.get(s.journeyName) ?? []), s.edgeId]);
    expect(byJourney.get("Post-purchase follow-up")?.sort()).toEqual([
      "pp-cross",
      "pp-cross-goal",
      "pp-cross-next",
      "pp-cross-timeout",
    ]);
    expect(byJourney.get("Trial expiry rescue")?.sort()).toEqual(["tr-sms-done", "tr-sms-option"]);
    expect(byJourney.get("Cart abandonment (legacy rules)")).toEqual(
      expect.arrayContaining(["ca-is-fr", "ca-fr-follow", "ca-high"]),
    );
    expect(byJourney.has("Loyalty tier upgrade")).toBe(false);
    expect(byJourney.has("Trial nurture")).toBe(false);
    expect(byJourney.has("Welcome series")).toBe(false);
    const cross = stale.find((s) => s.edgeId === "pp-cross")!;
    const preview = await previewPrune(ctx, { journeyId: cross.journeyId, edgeId: "pp-cross" });
    expect(preview.removedNodes.map((n) => n.id).sort()).toEqual(["pp-cross-push", "pp-cross-wait"]);
    expect(preview.customersInside).toBe(3);
    expect(preview.errors).toEqual([]);

    const overview = await dashboardOverview(ctx, {});
    expect(
      overview.ranked
        .filter((r) => r.idle)
        .map((r) => r.name)
        .sort(),
    ).toEqual(["Holiday campaign 2025", "Win-back 90 days"]);
    expect(overview.overlaps.map((p) => [p.a.name, p.b.name].sort().join(" + ")).sort()).toEqual([
      "Back in stock + Browse abandonment",
      "New subscriber discount + Welcome series",
    ]);
    expect(overview.overlaps.every((p) => p.customersInBoth > 0)).toBe(true);
    expect(overview.trend.length).toBeGreaterThanOrEqual(170);
    expect(overview.trend.at(-1)?.staleBranches).toBe(stale.length);
    expect(overview.totals.ruleSplits).toBe(3);

    const pressure = await messagePressure(ctx, {});
    const email = pressure.find((p) => p.channel === "email");
    expect(email?.weeks.length).toBeGreaterThanOrEqual(8);
    expect(email?.weeks.some((w) => w.overCap > 0)).toBe(true);
  });
});
