import type { PrismaClient } from "@northstar/db";
import type { BehaviourInput } from "@northstar/simulation";

/** How far back the workspace's history is read. */
export const HISTORY_DAYS = 30;
export const DEFAULT_DAILY_PROBABILITY = 0.02;

/**
 * Each event's daily probability from the workspace's last 30 days: s = share of its customers who fired the event
 * at least once, p = 1 - (1 - s)^(1/30) (a constant daily chance that gives s over 30 days). An event nobody fired
 * in that window, or a workspace without customers, gets the default (2% a day): no history is not evidence that
 * an event never happens.
 */
export async function behaviourFromHistory(
  db: PrismaClient,
  workspaceId: string,
  events: readonly string[],
  now: Date,
): Promise<{ behaviour: BehaviourInput; source: Record<string, "history" | "default"> }> {
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const customers = await db.customer.count({ where: { workspaceId } });
  // Maps, then own properties: an event named __proto__ or constructor is an event like any other.
  const probabilities = new Map<string, number>();
  const source = new Map<string, "history" | "default">();
  for (const name of [...new Set(events)]) {
    const rows = await db.$queryRaw<{ fired: bigint }[]>`
      select count(distinct "customerId") as fired from "Event"
      where "workspaceId" = ${workspaceId} and "type" = 'track' and "name" = ${name}
        and "timestamp" >= ${since} and "customerId" is not null`;
    const fired = Number(rows[0]?.fired ?? 0);
    if (customers === 0 || fired === 0) {
      probabilities.set(name, DEFAULT_DAILY_PROBABILITY);
      source.set(name, "default");
      continue;
    }
    const share = Math.min(1, fired / customers);
    probabilities.set(name, share >= 1 ? 1 : 1 - (1 - share) ** (1 / HISTORY_DAYS));
    source.set(name, "history");
  }
  return {
    behaviour: {
      events: Object.fromEntries(probabilities),
      defaultDailyProbability: DEFAULT_DAILY_PROBABILITY,
      sendLift: 1,
    },
    source: Object.fromEntries(source),
  };
}
