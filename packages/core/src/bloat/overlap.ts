import type { DomainContext } from "../workspace/scope";
import type { JourneyShape } from "./journey-shapes";
import { DAY_MS } from "./staleness";

export interface OverlapPair {
  a: { id: string; name: string };
  b: { id: string; name: string };
  /** What both listen to, e.g. `event:Order Completed` or `segment:vip`. */
  sharedEntries: string[];
  /** Customers who entered both journeys in the last 30 days. */
  customersInBoth: number;
}

/**
 * Live journeys that enter on the same event or the same segment, with the customers who entered both in the last
 * 30 days (from enrolments, through the workspace/enteredAt index).
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
  const since = new Date(now.getTime() - 30 * DAY_MS);
  // Counted only for the candidate pairs: the recent entries of each side, joined on the customer.
  const rows = await ctx.db.$queryRaw<Array<{ a: string; b: string; customers: bigint }>>`
    with p(a, b) as (select * from unnest(${list.map((p) => p.a.id)}::text[], ${list.map((p) => p.b.id)}::text[])),
    recent as (
      select distinct "journeyId", "customerId" from "Enrollment"
      where "workspaceId" = ${ctx.actor.workspaceId} and "enteredAt" >= ${since}
        and "journeyId" in (select a from p union select b from p)
    )
    select p.a, p.b, count(*) as customers
    from p join recent x on x."journeyId" = p.a join recent y on y."journeyId" = p.b and y."customerId" = x."customerId"
    group by p.a, p.b`;
  for (const r of rows) {
    const pair = pairs.get(`${r.a}|${r.b}`) ?? pairs.get(`${r.b}|${r.a}`);
    if (pair) pair.customersInBoth = Number(r.customers);
  }
  return [...pairs.values()].sort((x, y) => y.customersInBoth - x.customersInBoth || x.a.name.localeCompare(y.a.name));
}
