import type { Prisma } from "@northstar/db";

type Tx = Prisma.TransactionClient;

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

const CHANNEL_KEYS = ["email", "sms", "push", "webhook"] as const;

function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Upserts by userId (externalId) or else anonymousId, race-free through ON CONFLICT. */
export async function resolveCustomer(
  tx: Tx,
  workspaceId: string,
  ids: { userId: string | null; anonymousId: string | null },
): Promise<CustomerRow | null> {
  if (ids.userId) {
    const rows = await tx.$queryRaw<CustomerRow[]>`
      insert into "Customer" ("id", "workspaceId", "externalId", "updatedAt")
      values (${`c${crypto.randomUUID().replaceAll("-", "")}`}, ${workspaceId}, ${ids.userId}, now())
      on conflict ("workspaceId", "externalId") do update set "updatedAt" = "Customer"."updatedAt"
      returning *`;
    const customer = rows[0] ?? null;
    if (customer && ids.anonymousId && !customer.anonymousId) {
      // Link the anonymous id unless another profile holds it already (profiles are not merged automatically).
      await tx.$executeRaw`
        update "Customer" set "anonymousId" = ${ids.anonymousId}
        where "id" = ${customer.id} and not exists (
          select 1 from "Customer" where "workspaceId" = ${workspaceId} and "anonymousId" = ${ids.anonymousId})`;
    }
    return customer;
  }
  if (!ids.anonymousId) return null;
  const rows = await tx.$queryRaw<CustomerRow[]>`
    insert into "Customer" ("id", "workspaceId", "anonymousId", "updatedAt")
    values (${`c${crypto.randomUUID().replaceAll("-", "")}`}, ${workspaceId}, ${ids.anonymousId}, now())
    on conflict ("workspaceId", "anonymousId") do update set "updatedAt" = "Customer"."updatedAt"
    returning *`;
  return rows[0] ?? null;
}

/**
 * Applies identify traits: `email`, `phone`, `timezone` (or context.timezone) and `consent` ({ email: true, ... })
 * go to their columns; everything else merges into `traits`.
 */
export async function applyTraits(
  tx: Tx,
  customer: CustomerRow,
  traits: Record<string, unknown>,
  context: Record<string, unknown> | null,
): Promise<CustomerRow> {
  const { email, phone, timezone, timeZone, consent, ...rest } = traits;
  const zone = [timezone, timeZone, context?.timezone].find(isTimeZone);
  const nextConsent = { ...customer.consent };
  if (consent && typeof consent === "object") {
    for (const key of CHANNEL_KEYS) {
      const value = (consent as Record<string, unknown>)[key];
      if (typeof value === "boolean") nextConsent[key] = value;
    }
  }
  const data = {
    email: typeof email === "string" && email.includes("@") ? email.trim().toLowerCase() : customer.email,
    phone: typeof phone === "string" && phone.trim() ? phone.trim() : customer.phone,
    timeZone: zone ?? customer.timeZone,
    consent: nextConsent as Prisma.InputJsonValue,
    traits: { ...customer.traits, ...rest } as Prisma.InputJsonValue,
  };
  const updated = await tx.customer.update({ where: { id: customer.id }, data });
  return updated as unknown as CustomerRow;
}
