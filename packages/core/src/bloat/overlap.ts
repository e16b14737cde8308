import { overlapWindowStart, Prisma } from "@northstar/db";
import type { DomainContext } from "../workspace/scope";
import type { JourneyShape } from "./journey-shapes";
import { jsonRows } from "./json-rows";

export interface OverlapPair {
  a: { id: string; name: string };
  b: { id: string; name: string };
  /** What both listen to, e.g. `event:Order Completed` or `segment:vip`. */
  sharedEntries: string[];
  /** Customers who entered both journeys in the last 30 UTC days (today included). */
  customersInBoth: number;
}

/**
 * Live journeys that enter on the same event or the same segment, with the customers who entered both in the last
 * OVERLAP_WINDOW_DAYS UTC days.
 */
export async function findOverlaps(ctx: DomainContext, shapes: JourneyShape[], now: Date): Promise<OverlapPair[]> {
  const byKey = new Map<string, JourneyShape[]>();
  for (const shape of shapes) {
    if (shape.status !== "LIVE") continue;
    for (const key of new Set(shape.entries.map((e) => e.key).filter((k): k is string => !!k))) {
      byKey.set(key, [...(byKey.get(key) ?? []), shape]);
    }
  }
  const pairs = new Map<string, OverlapPair>();
  for (const [key, group] of byKey) {
    for (let i = 0; i < group.length; i++) {
      for (let k = i + 1; k < group.length; k++) {
        // Code-unit order, the order the histogram keys pairs in (collate "C").
        const [a, b] = [group[i], group[k]].sort((x, y) => (x!.id < y!.id ? -1 : 1)) as [JourneyShape, JourneyShape];
        const id = `${a.id}|${b.id}`;
        const pair = pairs.get(id) ?? {
          a: { id: a.id, name: a.name },
          b: { id: b.id, name: b.name },
          sharedEntries: [],
          customersInBoth: 0,
        };
        pair.sharedEntries.push(key);
        pairs.set(id, pair);
      }
    }
  }
  if (pairs.size === 0) return [];
  const list = [...pairs.values()];
  // Summed from the co-enrolment histogram (JourneyPairDaily, kept by the counter rollup): one primary-key range per
  // candidate pair, whatever the number of enrolments.
  const rows = await jsonRows<{ a: string; b: string; customers: number }>(
    ctx,
    Prisma.sql`
    select p.a, p.b, sum(d.customers) as customers
    from unnest(${list.map((p) => p.a.id)}::text[], ${list.map((p) => p.b.id)}::text[]) as p(a, b)
    join "JourneyPairDaily" d on d."journeyA" = p.a and d."journeyB" = p.b and d.day >= ${overlapWindowStart(now)}::date
    group by p.a, p.b`,
  );
  for (const r of rows) {
    const pair = pairs.get(`${r.a}|${r.b}`);
    if (pair) pair.customersInBoth = Number(r.customers);
  }
  return [...pairs.values()].sort((x, y) => y.customersInBoth - x.customersInBoth || x.a.name.localeCompare(y.a.name));
}
