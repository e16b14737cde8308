import { randomBytes } from "node:crypto";
import type { Prisma } from "../generated/prisma/client";
import type { HistoryJourney } from "./history-journeys";
import { DAY_MS, HISTORY_DAYS, random, type Traffic } from "./history-traffic";

interface Seeded {
  spec: HistoryJourney;
  id: string;
  traffic: Traffic;
}

/**
 * Eight weeks of sends across journeys: most customers get one or two emails a week, a heavy tail gets more than the
 * caps allow (the message-pressure chart must have something to show), some get SMS and push.
 */
export function historyMessages(
  workspaceId: string,
  seeded: Seeded[],
  customers: Array<{ id: string; email: string | null }>,
  now: Date,
): Prisma.MessageCreateManyInput[] {
  const rnd = random(23);
  const senders = (channel: string) =>
    seeded
      .filter((s) => s.spec.status === "LIVE")
      .flatMap((s) =>
        s.spec.definition.nodes
          .filter((n) => n.kind === "message" && n.config.channel === channel)
          .map((n) => ({ journeyId: s.id, stepId: n.id })),
      );
  const byChannel = { email: senders("email"), sms: senders("sms"), push: senders("push") };
  const rows: Prisma.MessageCreateManyInput[] = [];
  const weeklyCount = (channel: keyof typeof byChannel) => {
    const r = rnd();
    if (channel === "email") return r < 0.08 ? 4 + Math.floor(rnd() * 3) : r < 0.3 ? 3 : 1 + Math.floor(rnd() * 2);
    if (channel === "sms") return r < 0.75 ? 0 : r < 0.92 ? 1 + Math.floor(rnd() * 2) : 3;
    return r < 0.85 ? 0 : 2 + Math.floor(rnd() * 8);
  };
  customers.forEach((customer, c) => {
    for (let week = 0; week < 8; week++) {
      for (const channel of ["email", "sms", "push"] as const) {
        const from = byChannel[channel];
        if (from.length === 0) continue;
        for (let k = weeklyCount(channel); k > 0; k--) {
          const sender = from[Math.floor(rnd() * from.length)]!;
          const createdAt = new Date(now.getTime() - (week * 7 + rnd() * 7) * DAY_MS);
          rows.push({
            workspaceId,
            journeyId: sender.journeyId,
            stepId: sender.stepId,
            customerId: customer.id,
            id: `hist_${randomBytes(9).toString("base64url")}`,
            idempotencyKey: `history:${c}:${week}:${channel}:${k}`,
            trackingToken: randomBytes(12).toString("base64url"),
            channel,
            to: channel === "email" ? (customer.email ?? "") : `+4477009${String(c).padStart(5, "0")}`,
            subject: channel === "email" ? "From Acme" : null,
            body: "Demo history message",
            status: "SENT",
            provider: "history",
            attempts: 1,
            sentAt: createdAt,
            createdAt,
            updatedAt: createdAt,
          });
        }
      }
    }
  });
  return rows;
}

/**
 * The trend as the dashboard would have recorded it each day: structure of the journeys that existed then and the
 * stale branches by the same rule (live for the period, edge idle for the period, paused journeys excluded).
 */
export function historySnapshots(
  workspaceId: string,
  seeded: Seeded[],
  now: Date,
  staleAfterDays: number,
): Prisma.BloatSnapshotCreateManyInput[] {
  const today = new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`).getTime();
  const rows: Prisma.BloatSnapshotCreateManyInput[] = [];
  for (let d = HISTORY_DAYS - 1; d >= 1; d--) {
    let journeys = 0;
    let nodes = 0;
    let branches = 0;
    let staleBranches = 0;
    let ruleSplits = 0;
    for (const { spec, traffic } of seeded) {
      const created = spec.status === "DRAFT" ? 6 : (spec.liveDaysAgo ?? 0) + 4;
      if (created < d) continue;
      journeys++;
      nodes += spec.definition.nodes.length;
      branches += spec.definition.edges.length;
      ruleSplits += spec.definition.nodes.filter((n) => n.kind === "rule_split").length;
      const live = spec.liveDaysAgo;
      if (spec.status !== "LIVE" || live === undefined || live - d < staleAfterDays) continue;
      for (const edge of spec.definition.edges) {
        const series = traffic.edges.get(edge.id) ?? [];
        let lastFire = live;
        for (let k = d; k < Math.min(series.length, live + 1); k++) {
          if ((series[k] ?? 0) > 0) {
            lastFire = k;
            break;
          }
        }
        if (lastFire - d >= staleAfterDays) staleBranches++;
      }
    }
    rows.push({
      workspaceId,
      day: new Date(today - d * DAY_MS),
      journeys,
      nodes,
      branches,
      staleBranches,
      ruleSplits,
    });
  }
  return rows;
}
