import type { Prisma } from "@northstar/db";
import type { DomainContext } from "../workspace/scope";

/**
 * Runs a query returning many small rows as one JSON array: the driver then decodes one value instead of rows ×
 * columns typed values (measured on the audit bench: about half the time for a thousand journeys). JSON has no
 * dates: select timestamps `at time zone 'UTC'` (an instant with its offset) and convert what the caller needs.
 */
export async function jsonRows<T>(ctx: DomainContext, query: Prisma.Sql): Promise<T[]> {
  const [result] = await ctx.db.$queryRaw<Array<{ rows: T[] }>>`
    select coalesce(json_agg(q), '[]'::json) as rows from (${query}) q`;
  return result?.rows ?? [];
}

export const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));
