import type { Prisma } from "@northstar/db";
import { CHANNEL_KEYS, isTimeZone } from "./reserved-traits";

type Tx = Prisma.TransactionClient;

/**
 * Runs one parametrised statement (`$1`, `$2`, ...) and returns its rows. Both the CSV import (a Prisma transaction)
 * and the worker's event processing (plain `pg`) resolve customers through it, so there is one upsert.
 */
export type RawQuery = <R>(text: string, values: unknown[]) => Promise<R[]>;

export const prismaRawQuery =
  (tx: Pick<Tx, "$queryRawUnsafe">): RawQuery =>
  <R>(text: string, values: unknown[]) =>
    tx.$queryRawUnsafe<R[]>(text, ...values);

export interface CustomerRow {
  id: string;
  workspaceId: string;
  externalId: string | null;
  anonymousId: string | null;
  email: string | null;
  phone: string | null;
  traits: Record<string, unknown>;
  timeZone: string | null;
  consent: Record<string, unknown>;
  unsubscribedAt: Date | null;
}

// Timestamps are `timestamp without time zone` holding UTC: returned as instants whatever the session's zone.
const CUSTOMER_COLUMNS = `"id", "workspaceId", "externalId", "anonymousId", "email", "phone", "traits", "timeZone",
  "consent", "unsubscribedAt" at time zone 'UTC' as "unsubscribedAt"`;

const upsertBy = (column: "externalId" | "anonymousId") => `
  insert into "Customer" ("id", "workspaceId", "${column}", "createdAt", "updatedAt")
  values ($1, $2, $3, $4::timestamp, $4::timestamp)
  on conflict ("workspaceId", "${column}") do update set "updatedAt" = "Customer"."updatedAt"
  returning ${CUSTOMER_COLUMNS}`;
const UPSERT_BY_USER_ID = upsertBy("externalId");
const UPSERT_BY_ANONYMOUS_ID = upsertBy("anonymousId");

// Links the anonymous id unless another profile holds it already (profiles are not merged automatically).
const LINK_ANONYMOUS_ID = `
  update "Customer" set "anonymousId" = $2
  where "id" = $1 and not exists (select 1 from "Customer" where "workspaceId" = $3 and "anonymousId" = $2)`;

/**
 * Upserts by userId (externalId) or else anonymousId, race-free through ON CONFLICT. The upsert locks the customer's
 * row until the caller's transaction ends, so one customer's events are processed one at a time.
 */
export async function resolveCustomer(
  query: RawQuery,
  workspaceId: string,
  ids: { userId: string | null; anonymousId: string | null },
): Promise<CustomerRow | null> {
  const id = `c${crypto.randomUUID().replaceAll("-", "")}`;
  const now = new Date().toISOString();
  if (ids.userId) {
    const customer = (await query<CustomerRow>(UPSERT_BY_USER_ID, [id, workspaceId, ids.userId, now]))[0] ?? null;
    if (customer && ids.anonymousId && !customer.anonymousId) {
      await query(LINK_ANONYMOUS_ID, [customer.id, ids.anonymousId, workspaceId]);
    }
    return customer;
  }
  if (!ids.anonymousId) return null;
  return (await query<CustomerRow>(UPSERT_BY_ANONYMOUS_ID, [id, workspaceId, ids.anonymousId, now]))[0] ?? null;
}

/**
 * Identify traits as column values: `email`, `phone`, `timezone` (or context.timezone) and `consent`
 * ({ email: true, ... }) go to their columns; everything else merges into `traits`.
 */
export function traitUpdate(
  customer: CustomerRow,
  traits: Record<string, unknown>,
  context: Record<string, unknown> | null,
) {
  const { email, phone, timezone, timeZone, consent, ...rest } = traits;
  const zone = [timezone, timeZone, context?.timezone].find(isTimeZone);
  const nextConsent = { ...customer.consent };
  if (consent && typeof consent === "object") {
    for (const key of CHANNEL_KEYS) {
      const value = (consent as Record<string, unknown>)[key];
      if (typeof value === "boolean") nextConsent[key] = value;
    }
  }
  return {
    email: typeof email === "string" && email.includes("@") ? email.trim().toLowerCase() : customer.email,
    phone: typeof phone === "string" && phone.trim() ? phone.trim() : customer.phone,
    timeZone: zone ?? customer.timeZone,
    consent: nextConsent,
    traits: { ...customer.traits, ...rest },
  };
}

const APPLY_TRAITS = `
  update "Customer" set "email" = $2, "phone" = $3, "timeZone" = $4, "consent" = $5::jsonb, "traits" = $6::jsonb,
    "updatedAt" = $7::timestamp
  where "id" = $1
  returning ${CUSTOMER_COLUMNS}`;

/** Applies identify traits (see traitUpdate) and returns the updated customer. */
export async function applyTraits(
  query: RawQuery,
  customer: CustomerRow,
  traits: Record<string, unknown>,
  context: Record<string, unknown> | null,
): Promise<CustomerRow> {
  const data = traitUpdate(customer, traits, context);
  const rows = await query<CustomerRow>(APPLY_TRAITS, [
    customer.id,
    data.email,
    data.phone,
    data.timeZone,
    JSON.stringify(data.consent),
    JSON.stringify(data.traits),
    new Date().toISOString(),
  ]);
  return rows[0] ?? { ...customer, ...data };
}
