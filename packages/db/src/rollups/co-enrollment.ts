import type { Prisma } from "../generated/prisma/client";

type Sql = Pick<Prisma.TransactionClient, "$executeRaw">;

/** The overlap window: customers who entered both journeys on one of the last 30 UTC days, today included. */
export const OVERLAP_WINDOW_DAYS = 30;

export interface JourneyEntry {
  workspaceId: string;
  customerId: string;
  journeyId: string;
  enteredAt: Date;
}

const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/** The first UTC day of the overlap window ending on `today`. */
export function overlapWindowStart(today: Date): string {
  return utcDay(new Date(today.getTime() - (OVERLAP_WINDOW_DAYS - 1) * 86_400_000));
}

/**
 * Folds entries into CustomerJourneyPresence (each customer's latest entry day per journey) and JourneyPairDaily.
 *
 * For a customer in journeys A and B, let m = min(latest entry day into A, latest into B): the customer entered both
 * in the window starting on day D exactly when m >= D. JourneyPairDaily counts customers per (A, B, m), so the overlap
 * of a pair is a sum over its buckets from D on, without reading a single enrolment. An entry can only move a
 * customer's latest days forward, so each fold moves the customer from its old bucket (-1) to its new one (+1) for
 * every pair it is in. Pairs whose new bucket is already before the window can never be read again: they are skipped
 * and old buckets and presences pruned, which bounds both tables by the window.
 *
 * The result does not depend on how entries are batched or ordered, but two folds must not run at once: callers hold
 * the counter-rollup lock (the rollup) or are alone on the database (seeds, benchmarks). Customers of different
 * workspaces never share an id, so pairs never cross workspaces.
 */
export async function foldCoEnrollments(sql: Sql, entries: JourneyEntry[], today = new Date()): Promise<void> {
  const from = overlapWindowStart(today);
  await sql.$executeRaw`delete from "JourneyPairDaily" where "day" < ${from}::date`;
  await sql.$executeRaw`delete from "CustomerJourneyPresence" where "lastDay" < ${from}::date`;
  for (let start = 0; start < entries.length; start += 5_000) {
    const part = entries.slice(start, start + 5_000);
    await sql.$executeRaw`
      with entered as (
        select ws, customer, journey, max(day) as day
        from unnest(${part.map((e) => e.workspaceId)}::text[], ${part.map((e) => e.customerId)}::text[],
          ${part.map((e) => e.journeyId)}::text[], ${part.map((e) => utcDay(e.enteredAt))}::date[])
          as i(ws, customer, journey, day)
        where day >= ${from}::date
        group by 1, 2, 3
      ), old as (
        select p."workspaceId" as ws, p."customerId" as customer, p."journeyId" as journey, p."lastDay" as day
        from "CustomerJourneyPresence" p
        where p."customerId" in (select customer from entered) and p."lastDay" >= ${from}::date
      ), merged as (
        select coalesce(e.ws, o.ws) as ws, coalesce(e.customer, o.customer) as customer,
          coalesce(e.journey, o.journey) as journey, o.day as old_day, greatest(o.day, e.day) as new_day,
          e.day is not null and (o.day is null or e.day > o.day) as moved
        from entered e full join old o on o.customer = e.customer and o.journey = e.journey
      ), pairs as (
        select a.ws, a.journey as ja, b.journey as jb,
          case when a.old_day is not null and b.old_day is not null then least(a.old_day, b.old_day) end as old_m,
          least(a.new_day, b.new_day) as new_m
        from merged a join merged b on b.customer = a.customer and a.journey < b.journey collate "C"
        where a.moved or b.moved
      ), deltas as (
        select ws, ja, jb, new_m as day, 1 as d from pairs where old_m is distinct from new_m
        union all
        select ws, ja, jb, old_m, -1 from pairs where old_m is not null and old_m <> new_m
      ), buckets as (
        insert into "JourneyPairDaily" ("workspaceId", "journeyA", "journeyB", "day", "customers")
        select ws, ja, jb, day, sum(d)::int from deltas group by 1, 2, 3, 4 having sum(d) <> 0 order by 2, 3, 4
        on conflict ("journeyA", "journeyB", "day")
          do update set "customers" = "JourneyPairDaily"."customers" + excluded."customers"
        returning 1
      )
      insert into "CustomerJourneyPresence" ("workspaceId", "customerId", "journeyId", "lastDay")
      select ws, customer, journey, day from entered order by 2, 3
      on conflict ("customerId", "journeyId")
        do update set "lastDay" = greatest("CustomerJourneyPresence"."lastDay", excluded."lastDay")`;
  }
}
