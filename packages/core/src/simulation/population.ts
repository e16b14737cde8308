import type { PastSend } from "@northstar/agent";
import type { PrismaClient } from "@northstar/db";
import type { Channel } from "@northstar/journey";
import { DEFAULT_SYNTHETIC_MIX, type SimulatedCustomer, syntheticPopulation } from "@northstar/simulation";
import type { StoredSettings } from "./schema";

const HOUR = 3_600_000;

interface CustomerRow {
  id: string;
  email: string | null;
  phone: string | null;
  timeZone: string | null;
  consent: unknown;
  traits: unknown;
  unsubscribedAt: Date | null;
}

/**
 * Up to `size` real customers of the workspace, the same ones for the same seed (ordered by a seeded hash of their
 * id), each with their sends of the last `capWindowHours` (frequency caps count them). Read only.
 */
export async function sampleCustomers(
  db: PrismaClient,
  workspaceId: string,
  size: number,
  seed: number,
  capWindowHours: number,
  now: Date,
): Promise<SimulatedCustomer[]> {
  const rows = await db.$queryRaw<CustomerRow[]>`
    select "id", "email", "phone", "timeZone", "consent", "traits", "unsubscribedAt" from "Customer"
    where "workspaceId" = ${workspaceId}
    order by md5("id" || ${String(seed)}) limit ${size}`;
  const since = new Date(now.getTime() - capWindowHours * HOUR);
  const ids = rows.map((r) => r.id);
  const sends =
    ids.length === 0 || capWindowHours === 0
      ? []
      : await db.$queryRaw<{ customerId: string; channel: string; createdAt: Date; journeyId: string | null }[]>`
          select "customerId", "channel", "createdAt", "journeyId" from "Message"
          where "workspaceId" = ${workspaceId} and "customerId" = any(${ids}::text[])
            and "createdAt" >= ${since} and "status" <> 'DROPPED'`;
  const byCustomer = new Map<string, PastSend[]>();
  for (const s of sends) {
    const list = byCustomer.get(s.customerId) ?? [];
    list.push({ channel: s.channel as Channel, at: s.createdAt, journeyId: s.journeyId ?? "" });
    byCustomer.set(s.customerId, list);
  }
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    phone: r.phone,
    timeZone: r.timeZone,
    consent: (r.consent ?? {}) as Record<string, unknown>,
    traits: (r.traits ?? {}) as Record<string, unknown>,
    unsubscribedAt: r.unsubscribedAt,
    priorSends: byCustomer.get(r.id) ?? [],
  }));
}

/** The population a stored simulation asks for. */
export async function loadPopulation(
  db: PrismaClient,
  workspaceId: string,
  settings: StoredSettings,
  capWindowHours: number,
): Promise<SimulatedCustomer[]> {
  const { population, seed, start } = settings;
  if (population.kind === "synthetic") {
    return syntheticPopulation(population.mix ?? DEFAULT_SYNTHETIC_MIX, population.size, seed);
  }
  return sampleCustomers(db, workspaceId, population.size, seed, capWindowHours, start);
}
