import { z } from "zod";

/** Dashboard filters. Without a status the dashboard covers every journey that is not archived. */
export const DashboardFilterInput = z
  .object({
    ownerId: z.string().trim().min(1, "choose an owner").max(100).optional(),
    tag: z.string().trim().min(1, "choose a tag").max(40, "a tag has at most 40 characters").optional(),
    status: z.enum(["DRAFT", "LIVE", "PAUSED", "ARCHIVED"], { error: "unknown status" }).optional(),
  })
  .default({});
export type DashboardFilter = z.output<typeof DashboardFilterInput>;

export function isUnfiltered(filter: DashboardFilter) {
  return !filter.ownerId && !filter.tag && !filter.status;
}

/** The stale list's input: the filters plus how many rows to return (the dashboard shows the longest idle first). */
export const StaleListInput = z
  .object({
    ownerId: z.string().trim().min(1, "choose an owner").max(100).optional(),
    tag: z.string().trim().min(1, "choose a tag").max(40, "a tag has at most 40 characters").optional(),
    status: z.enum(["DRAFT", "LIVE", "PAUSED", "ARCHIVED"], { error: "unknown status" }).optional(),
    limit: z.number().int().min(1, "at least 1").max(100_000, "at most 100000").default(300),
  })
  .default({ limit: 300 });
