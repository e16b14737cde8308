import { randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { DEMO_CREDENTIALS, DEMO_WORKSPACES } from "./demo-credentials";
import type { SeedDefinition } from "./history-graphs";
import { HISTORY_JOURNEYS, type HistoryJourney } from "./history-journeys";
import { DAY_MS, HISTORY_DAYS, lastDay, random, simulateTraffic, type Traffic } from "./history-traffic";
import { historyMessages, historySnapshots } from "./history-activity";
import { compileMissingPlans } from "./history-plans";
import { seedDecisionHistory } from "./history-decisions";
import { bulkInsert } from "./history-sql";
import { foldCoEnrollments } from "../rollups/co-enrollment";

export interface HistoryResult {
  created: boolean;
  journeys: number;
}

const COUNTER_COLUMNS = (id: "edgeId" | "nodeId") =>
  ({ workspaceId: "text", journeyId: "text", [id]: "text", day: "date", count: "int" }) as const;
const MESSAGE_COLUMNS = {
  id: "text",
  workspaceId: "text",
  journeyId: "text",
  stepId: "text",
  customerId: "text",
  idempotencyKey: "text",
  trackingToken: "text",
  channel: "text",
  to: "text",
  subject: "text",
  body: "text",
  status: "text",
  provider: "text",
  attempts: "int",
  sentAt: "timestamptz",
  createdAt: "timestamptz",
  updatedAt: "timestamptz",
} as const;
const ENROLLMENT_COLUMNS = {
  id: "text",
  workspaceId: "text",
  journeyId: "text",
  versionId: "text",
  customerId: "text",
  state: "text",
  currentStepId: "text",
  waitingFor: "text",
  enteredAt: "timestamptz",
  updatedAt: "timestamptz",
  finishedAt: "timestamptz",
} as const;
const MARKER = HISTORY_JOURNEYS[0]?.name ?? "";
const utcDate = (d: Date) => new Date(`${d.toISOString().slice(0, 10)}T00:00:00Z`);

/**
 * Six months of Acme Retail: a dozen journeys with their versions and pauses, 180 days of per-edge, per-node and
 * per-journey counters, the EdgeActivity rollup, customers, recent enrolments folded into the overlap histogram,
 * eight weeks of messages, the trend, and up to 60 days of agent decisions made by the learning policy.
 * Needs `seedDemo` first; does nothing when the history is already there. Published and superseded versions get the
 * execution plan publishing would have stored, so the live demo journeys run.
 */
export async function seedHistory(prisma: PrismaClient, now = new Date()): Promise<HistoryResult> {
  const ws = await prisma.workspace.findUniqueOrThrow({
    where: { slug: DEMO_WORKSPACES.acme.slug },
    include: { objectives: true },
  });
  if (await prisma.journey.findFirst({ where: { workspaceId: ws.id, name: MARKER } })) {
    return { created: false, journeys: 0 };
  }
  const users = await prisma.user.findMany({
    where: { email: { in: Object.values(DEMO_CREDENTIALS).map((u) => u.email) } },
  });
  const userId = (role: "admin" | "manager" | "marketer") => {
    const email = Object.values(DEMO_CREDENTIALS).find((u) => u.role.toLowerCase() === role)?.email;
    const user = users.find((u) => u.email === email);
    if (!user) throw new Error(`Demo ${role} missing: run seedDemo before seedHistory`);
    return user.id;
  };
  const objectiveId = (name: string) => {
    const objective = ws.objectives.find((o) => o.name === name);
    if (!objective) throw new Error(`Demo objective "${name}" missing: run seedDemo before seedHistory`);
    return objective.id;
  };
  const daysAgo = (d: number, hour = 9) => new Date(utcDate(now).getTime() - d * DAY_MS + hour * 3_600_000);

  const customers = await seedCustomers(prisma, ws.id, now);
  const seeded: Array<{ spec: HistoryJourney; id: string; traffic: Traffic; publishedVersionId: string | null }> = [];
  for (const [i, spec] of HISTORY_JOURNEYS.entries()) {
    const traffic = simulateTraffic(spec, 1_000 + i);
    const owner = userId(spec.owner);
    const live = spec.status !== "DRAFT" && spec.liveDaysAgo !== undefined;
    const liveSince = live ? daysAgo(spec.liveDaysAgo as number) : null;
    const createdAt = liveSince ? new Date(liveSince.getTime() - 4 * DAY_MS) : daysAgo(6);
    const versions: Prisma.JourneyVersionCreateWithoutJourneyInput[] = [];
    const version = (
      number: number,
      state: "DRAFT" | "PUBLISHED" | "SUPERSEDED",
      definition: SeedDefinition,
      at: Date,
    ) => ({
      workspaceId: ws.id,
      number,
      state,
      definition: definition as unknown as Prisma.InputJsonValue,
      createdById: owner,
      updatedById: owner,
      createdAt: at,
      ...(state === "DRAFT" ? {} : { publishedAt: at, publishedById: userId("manager") }),
    });
    if (!live) versions.push(version(1, "DRAFT", spec.definition, createdAt));
    else if (spec.republishedDaysAgo === undefined) versions.push(version(1, "PUBLISHED", spec.definition, liveSince!));
    else {
      versions.push(version(1, "SUPERSEDED", spec.definition, liveSince!));
      versions.push(version(2, "PUBLISHED", rebrief(spec.definition), daysAgo(spec.republishedDaysAgo)));
    }
    const journey = await prisma.journey.create({
      data: {
        workspaceId: ws.id,
        name: spec.name,
        description: spec.description,
        objectiveId: objectiveId(spec.objective),
        ownerId: owner,
        status: spec.status,
        tags: spec.tags,
        liveSince,
        createdAt,
        versions: { create: versions },
      },
      include: { versions: { where: { state: "PUBLISHED" }, select: { id: true } } },
    });
    seeded.push({ spec, id: journey.id, traffic, publishedVersionId: journey.versions[0]?.id ?? null });
    // Created with their status, so the pause trigger (which sees status changes) has nothing to record: say it here.
    await prisma.journeyPause.createMany({
      data: (spec.pauses ?? []).map(([from, to]) => ({
        workspaceId: ws.id,
        journeyId: journey.id,
        pausedAt: daysAgo(from, 10),
        resumedAt: to === null ? null : daysAgo(to, 10),
      })),
    });
    await seedCounters(prisma, ws.id, journey.id, spec, traffic, now);
  }
  const enrollments = await seedEnrollments(prisma, ws.id, seeded, customers, now);
  // The overlap histogram, through the counter rollup's own fold.
  await foldCoEnrollments(
    prisma,
    enrollments.map((e) => ({
      workspaceId: ws.id,
      customerId: e.customerId,
      journeyId: e.journeyId,
      enteredAt: new Date(e.enteredAt as Date),
    })),
    now,
  );
  await bulkInsert(prisma, "Message", MESSAGE_COLUMNS, historyMessages(ws.id, seeded, customers, now));
  await prisma.bloatSnapshot.createMany({
    data: historySnapshots(ws.id, seeded, now, ws.staleAfterDays),
    skipDuplicates: true,
  });
  await compileMissingPlans(prisma, ws.id);
  // After the plans: the agent nodes decide from what the published versions say.
  await seedDecisionHistory(prisma, ws.id, seeded, now);
  return { created: true, journeys: seeded.length };
}

/** v2 of a republished journey: same graph and edge ids, a reworded first email. */
function rebrief(definition: SeedDefinition): SeedDefinition {
  const copy = structuredClone(definition);
  const email = copy.nodes.find((n) => n.kind === "message" && n.config.channel === "email");
  const content = email?.config.content as { keyMessage?: string } | undefined;
  if (content?.keyMessage) content.keyMessage = `${content.keyMessage} (v2: shorter, one call to action)`;
  return copy;
}

async function seedCustomers(prisma: PrismaClient, workspaceId: string, now: Date) {
  const rnd = random(7);
  await prisma.customer.createMany({
    data: Array.from({ length: 400 }, (_, i) => ({
      workspaceId,
      externalId: `acme-${String(i + 1).padStart(4, "0")}`,
      email: `shopper${i + 1}@example.com`,
      timeZone: rnd() < 0.6 ? "Europe/London" : "America/New_York",
      consent: { email: true, sms: rnd() < 0.4, push: rnd() < 0.3 },
      createdAt: new Date(now.getTime() - (200 + Math.floor(rnd() * 300)) * DAY_MS),
    })),
    skipDuplicates: true,
  });
  return prisma.customer.findMany({
    where: { workspaceId },
    select: { id: true, email: true },
    orderBy: { externalId: "asc" },
  });
}

async function seedCounters(
  prisma: PrismaClient,
  workspaceId: string,
  journeyId: string,
  spec: HistoryJourney,
  traffic: Traffic,
  now: Date,
) {
  const day = (d: number) => new Date(utcDate(now).getTime() - d * DAY_MS);
  const edgeRows: Array<{ workspaceId: string; journeyId: string; edgeId: string; day: Date; count: number }> = [];
  const nodeTotals = new Map<string, number[]>();
  const activity: Array<Record<string, unknown>> = [];
  const add = (nodeId: string, d: number, n: number) => {
    const series = nodeTotals.get(nodeId) ?? Array.from({ length: HISTORY_DAYS }, () => 0);
    series[d] = (series[d] ?? 0) + n;
    nodeTotals.set(nodeId, series);
  };
  for (const entry of spec.definition.nodes.filter((n) => n.kind === "entry")) {
    traffic.entries.forEach((n, d) => {
      if (n > 0) add(entry.id, d, n);
    });
  }
  for (const edge of spec.definition.edges) {
    const series = traffic.edges.get(edge.id) ?? [];
    series.forEach((count, d) => {
      if (count <= 0) return;
      edgeRows.push({ workspaceId, journeyId, edgeId: edge.id, day: day(d), count });
      add(edge.target, d, count);
    });
    const last = lastDay(series);
    if (last !== null) {
      // Today's fires happened before now; older ones in the afternoon of their day.
      const at = last === 0 ? new Date(now.getTime() - 3_600_000) : new Date(day(last).getTime() + 15 * 3_600_000);
      activity.push({
        workspaceId,
        journeyId,
        edgeId: edge.id,
        lastFiredAt: at,
        total: series.reduce((a, b) => a + b, 0),
      });
    }
  }
  const nodeRows = [...nodeTotals].flatMap(([nodeId, series]) =>
    series.flatMap((count, d) => (count > 0 ? [{ workspaceId, journeyId, nodeId, day: day(d), count }] : [])),
  );
  await bulkInsert(prisma, "EdgeDailyCount", COUNTER_COLUMNS("edgeId"), edgeRows);
  await bulkInsert(prisma, "NodeDailyCount", COUNTER_COLUMNS("nodeId"), nodeRows);
  const entryRows = traffic.entries.flatMap((count, d) =>
    count > 0 ? [{ workspaceId, journeyId, day: day(d), count }] : [],
  );
  await bulkInsert(
    prisma,
    "JourneyDailyEntry",
    { workspaceId: "text", journeyId: "text", day: "date", count: "int" },
    entryRows,
  );
  await bulkInsert(
    prisma,
    "EdgeActivity",
    { workspaceId: "text", journeyId: "text", edgeId: "text", lastFiredAt: "timestamptz", total: "int" },
    activity,
  );
}

async function seedEnrollments(
  prisma: PrismaClient,
  workspaceId: string,
  seeded: Array<{ spec: HistoryJourney; id: string; traffic: Traffic; publishedVersionId: string | null }>,
  customers: Array<{ id: string }>,
  now: Date,
) {
  const rnd = random(11);
  const keys = new Map<string, number>();
  const rows: Prisma.EnrollmentCreateManyInput[] = [];
  for (const { spec, id, traffic, publishedVersionId } of seeded) {
    if (!publishedVersionId) continue;
    const entry = spec.definition.nodes.find((n) => n.kind === "entry");
    const trigger = entry?.config.trigger as { event?: string; segmentId?: string } | undefined;
    const key = trigger?.event ?? trigger?.segmentId ?? id;
    // Journeys on the same entry draw from the same 150 customers: that is what makes them overlap.
    const pool = keys.get(key) ?? keys.size;
    keys.set(key, pool);
    const recent = traffic.entries.slice(0, 30).reduce((a, b) => a + b, 0);
    // Recent customers wait where traffic still flows, never behind a branch that went stale.
    const staleEdges = new Set(Object.keys(spec.lastFired ?? {}));
    const waitNode =
      spec.definition.nodes.find(
        (n) =>
          n.kind === "wait" && !spec.definition.edges.some((edge) => edge.target === n.id && staleEdges.has(edge.id)),
      )?.id ?? null;
    for (let k = 0; k < Math.min(recent, 60); k++) {
      const customer = customers[(pool * 37 + Math.floor(rnd() * 150)) % customers.length]!;
      const open = rnd() < 0.2 && waitNode !== null;
      const enteredAt = new Date(now.getTime() - rnd() * 29 * DAY_MS);
      rows.push({
        id: `hist_${randomBytes(9).toString("base64url")}`,
        workspaceId,
        journeyId: id,
        versionId: publishedVersionId,
        customerId: customer.id,
        state: open ? "WAITING" : "COMPLETED",
        currentStepId: open ? waitNode : null,
        enteredAt,
        updatedAt: enteredAt,
        finishedAt: open ? null : new Date(Math.min(now.getTime(), enteredAt.getTime() + 2 * DAY_MS)),
      });
    }
    if (spec.waiting) {
      for (let k = 0; k < spec.waiting.customers; k++) {
        rows.push({
          id: `hist_${randomBytes(9).toString("base64url")}`,
          workspaceId,
          journeyId: id,
          versionId: publishedVersionId,
          customerId: customers[300 + k]!.id,
          state: "WAITING",
          currentStepId: spec.waiting.nodeId,
          waitingFor: "Order Completed",
          enteredAt: new Date(now.getTime() - (spec.waiting.enteredDaysAgo + k) * DAY_MS),
          updatedAt: now,
        });
      }
    }
  }
  await bulkInsert(prisma, "Enrollment", ENROLLMENT_COLUMNS, rows as Array<Record<string, unknown>>);
  return rows;
}
