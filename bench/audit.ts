/**
 * Bloat dashboard benchmark, printed as JSON: p50/p95 of each dashboard query over 1,000 journeys, 50,000 edges and
 * 180 days of daily counters (target p95 < 100 ms), next to a trivial indexed query measured in the same run on the
 * same database as the baseline. Its own embedded PostgreSQL in a temporary directory; nothing else is touched.
 * Usage: pnpm --filter @northstar/bench audit [--runs=30]
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import {
  type DomainContext,
  dashboardOverview,
  ensureVersionCache,
  journeyBloatDetail,
  listStaleBranches,
  messagePressure,
  previewPrune,
} from "@northstar/core";
import { createPrismaClient } from "@northstar/db";
import { migrateDatabase, startEmbeddedPostgres } from "@northstar/db/setup";
import pg from "pg";
import { loadEntryActivity } from "../packages/core/src/bloat/entry-activity";
import { loadJourneyShapes } from "../packages/core/src/bloat/journey-shapes";
import { findOverlaps } from "../packages/core/src/bloat/overlap";
import { countStaleBranches } from "../packages/core/src/bloat/stale-branches";
import { createEstate, EDGES_PER, JOURNEYS } from "./audit-data";

const arg = (name: string, fallback: number) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};
const RUNS = arg("runs", 30);

const dir = mkdtempSync("/tmp/northstar-audit-bench-");
chmodSync(dir, 0o755);
const server = await startEmbeddedPostgres({ dataDir: join(dir, "data"), log: () => {} });
try {
  const admin = new pg.Client({ connectionString: server.urlFor("postgres") });
  await admin.connect();
  await admin.query("create database bench");
  await admin.end();
  const url = server.urlFor("bench");
  await migrateDatabase(url);
  const db = createPrismaClient(url);
  const ws = await db.workspace.create({ data: { name: "Bench", slug: "bench" } });
  const owners = await Promise.all(
    [0, 1, 2, 3].map((i) =>
      db.user.create({
        data: {
          email: `owner${i}@bench.test`,
          name: `Owner ${i}`,
          passwordHash: "x",
          memberships: { create: { workspaceId: ws.id, role: i === 0 ? "MANAGER" : "MARKETER" } },
        },
      }),
    ),
  );
  const objective = await db.objective.create({
    data: {
      workspaceId: ws.id,
      name: "Bench",
      metric: { event: "Order Completed", aggregation: "count", windowDays: 14, direction: "increase" },
    },
  });
  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  const seedStarted = performance.now();
  await createEstate(sql, db, { workspace: ws.id, owners: owners.map((o) => o.id), objective: objective.id });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const counts = (
    await sql.query(`select (select count(*) from "EdgeDailyCount")::int as "edgeDailyCounts",
      (select count(*) from "NodeDailyCount")::int as "nodeDailyCounts", (select count(*) from "EdgeActivity")::int as "edgeActivity",
      (select count(*) from "JourneyDailyEntry")::int as "journeyDailyEntries", (select count(*) from "JourneyPairDaily")::int as "journeyPairBuckets",
      (select count(*) from "Enrollment")::int as enrollments, (select count(*) from "Message")::int as messages`)
  ).rows[0];
  await sql.end();

  const ctx: DomainContext = { db, actor: { userId: owners[0]!.id, workspaceId: ws.id, role: "MANAGER" } };
  // One-off: the first dashboard read copies every published version's edges and counts into relational tables.
  const fillStarted = performance.now();
  await ensureVersionCache(ctx);
  const versionCacheFillMs = Math.round(performance.now() - fillStarted);
  const stale = await listStaleBranches(ctx, {});
  const timings = async (fn: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 3; i++) await fn(i);
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await fn(i);
      ms.push(performance.now() - started);
    }
    ms.sort((a, b) => a - b);
    const at = (q: number) => Math.round((ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)] ?? 0) * 10) / 10;
    return { p50: at(0.5), p95: at(0.95), max: Math.round((ms.at(-1) ?? 0) * 10) / 10 };
  };
  const baseline = await timings((i) =>
    db.journey.findFirst({ where: { id: `bj${i % JOURNEYS}`, workspaceId: ws.id } }),
  );
  const queries = {
    overview: await timings(() => dashboardOverview(ctx, {})),
    overviewFilteredByTag: await timings((i) => dashboardOverview(ctx, { tag: `tag${i % 12}` })),
    staleBranchesPage: await timings(() => listStaleBranches(ctx, {}, { limit: 300 })),
    messagePressure: await timings(() => messagePressure(ctx, {})),
    journeyDrilldown: await timings((i) => journeyBloatDetail(ctx, { journeyId: `bj${(i * 37) % JOURNEYS}` })),
    prunePreview: await timings((i) => {
      const row = stale[(i * 101) % stale.length]!;
      return previewPrune(ctx, { journeyId: row.journeyId, edgeId: row.edgeId });
    }),
  };
  // Where the overview's time goes, step by step (same calls as dashboardOverview makes).
  const shapes = await loadJourneyShapes(ctx, {});
  const overviewParts = {
    journeyShapes: await timings(() => loadJourneyShapes(ctx, {})),
    staleCounts: await timings(() => countStaleBranches(ctx, {}, new Date(), 90)),
    entryActivity: await timings(() =>
      loadEntryActivity(
        ctx,
        shapes.map((s) => s.id),
        new Date(),
      ),
    ),
    overlaps: await timings(() => findOverlaps(ctx, shapes, new Date())),
  };
  // The CSV export returns every stale branch (thousands here): reported apart, it is a download, not a page load.
  const csvExportAllStale = await timings(() => listStaleBranches(ctx, {}));
  await db.$disconnect();
  const worst = Math.max(...Object.values(queries).map((q) => q.p95));
  console.log(
    JSON.stringify(
      {
        benchmark: "audit",
        data: {
          journeys: JOURNEYS,
          edges: JOURNEYS * EDGES_PER,
          days: 180,
          ...counts,
          staleBranches: stale.length,
          seedSeconds: Math.round(seedSeconds),
        },
        runs: RUNS,
        versionCacheFillMs,
        baselineIndexedQueryMs: baseline,
        queriesMs: queries,
        overviewPartsMs: overviewParts,
        csvExportAllStaleMs: csvExportAllStale,
        worstP95Ms: worst,
        targetP95Ms: 100,
        meetsTarget: worst < 100,
        worstP95OverBaselineP95: Math.round((worst / Math.max(0.1, baseline.p95)) * 10) / 10,
      },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
