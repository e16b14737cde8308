import { z } from "zod";
import { recordAudit } from "../audit/audit";
import { AppError } from "../errors/app-error";
import type { DomainContext } from "../workspace/scope";
import { textIssue } from "../runtime/storable-json";
import { EMAIL_PATTERN, isTimeZone } from "./reserved-traits";
import { applyTraits, prismaRawQuery, resolveCustomer } from "./resolve-customer";

/** Rows per call: the browser sends a file in chunks of this size and shows progress between them. */
export const IMPORT_CHUNK_ROWS = 200;

/** Longest cell kept; a longer one rejects its row, not the chunk. */
const MAX_CELL_LENGTH = 2_000;
/** Longest userId, as the ingestion API's. */
const MAX_USER_ID_LENGTH = 200;

/** Header names refused for the whole file: `__proto__` cannot be a trait, `consent` would be dropped unread. */
const RESERVED_COLUMNS = new Map([
  ["__proto__", "is a reserved name; rename the column"],
  ["consent", "is ambiguous; use consent_email, consent_sms or consent_push"],
]);

const columnName = z
  .string()
  .trim()
  .min(1, "is empty")
  .max(100)
  .superRefine((name, ctx) => {
    const problem = textIssue(name) ?? RESERVED_COLUMNS.get(name.toLowerCase());
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const ImportCustomersInput = z.object({
  /** Header names from the file's first row, in order. */
  columns: z.array(columnName).min(1).max(100),
  /** Cells are checked per row (see toTraits), so one bad cell rejects its row and the others still import. */
  rows: z
    .array(z.array(z.string().max(100_000)))
    .min(1)
    .max(IMPORT_CHUNK_ROWS),
  /** File line number of rows[0], so rejections point at the line the person sees in their spreadsheet. */
  firstLine: z.number().int().min(2),
});

export interface RejectedRow {
  line: number;
  field: string;
  reason: string;
}

// A Map, not an object literal: a column named "constructor" must not find Object's constructor here.
const CONSENT_COLUMNS = new Map<string, "email" | "sms" | "push">([
  ["consent_email", "email"],
  ["consent_sms", "sms"],
  ["consent_push", "push"],
]);
const YES = new Set(["true", "yes", "1", "y"]);
const NO = new Set(["false", "no", "0", "n", ""]);

/** One CSV row -> identify-style traits, or the first problem found, named by its column. */
function toTraits(columns: string[], row: string[]): { traits: Record<string, unknown>; userId: string } | RejectedRow {
  const rejected = (field: string, reason: string): RejectedRow => ({ line: 0, field, reason });
  if (row.length !== columns.length) {
    return rejected("row", `has ${row.length} values for ${columns.length} columns`);
  }
  const traits = new Map<string, unknown>();
  const consent = new Map<string, boolean>();
  let userId = "";
  for (const [i, column] of columns.entries()) {
    const cell = row[i] ?? "";
    const problem = textIssue(cell);
    if (problem) return rejected(column, problem);
    if (cell.length > MAX_CELL_LENGTH) return rejected(column, `is longer than ${MAX_CELL_LENGTH} characters`);
    const value = cell.trim();
    const key = column.toLowerCase();
    const channel = CONSENT_COLUMNS.get(key);
    if (key === "userid" || key === "user_id") {
      if (value.length > MAX_USER_ID_LENGTH) return rejected(column, `is longer than ${MAX_USER_ID_LENGTH} characters`);
      userId = value;
    } else if (key === "email") {
      if (value && !EMAIL_PATTERN.test(value)) return rejected(column, `"${value}" is not an email address`);
      if (value) traits.set("email", value);
    } else if (key === "timezone" || key === "time_zone") {
      if (value && !isTimeZone(value)) return rejected(column, `"${value}" is not an IANA time zone`);
      if (value) traits.set("timezone", value);
    } else if (key === "phone") {
      if (value) traits.set("phone", value);
    } else if (channel) {
      const lower = value.toLowerCase();
      if (!YES.has(lower) && !NO.has(lower)) return rejected(column, `"${value}" is not yes/no`);
      if (value) consent.set(channel, YES.has(lower));
    } else if (value) traits.set(column, value);
  }
  if (!userId) return rejected("userId", "is required");
  if (consent.size > 0) traits.set("consent", Object.fromEntries(consent));
  // fromEntries defines own properties: a "constructor" column becomes a trait like any other.
  return { traits: Object.fromEntries(traits), userId };
}

/**
 * Upserts one chunk of a customer CSV by userId, exactly like identify calls with those traits (so a re-import
 * updates rather than duplicates). Bad rows are reported by line and column and skipped; the good ones commit.
 */
export async function importCustomers(ctx: DomainContext, input: z.input<typeof ImportCustomersInput>) {
  if (ctx.actor.role === "MARKETER") {
    throw new AppError("FORBIDDEN", "Marketers cannot import customers", {
      userMessage: "Only a manager or an admin can import customers",
    });
  }
  const { columns, rows, firstLine } = ImportCustomersInput.parse(input);
  const lower = columns.map((c) => c.toLowerCase());
  if (!lower.includes("userid") && !lower.includes("user_id")) {
    throw new AppError("BAD_REQUEST", "CSV without a userId column", {
      userMessage: "The file needs a userId column (the id your systems use for the customer)",
    });
  }
  const rejected: RejectedRow[] = [];
  const valid: { traits: Record<string, unknown>; userId: string }[] = [];
  for (const [i, row] of rows.entries()) {
    const parsed = toTraits(columns, row);
    if ("reason" in parsed) rejected.push({ ...parsed, line: firstLine + i });
    else valid.push(parsed);
  }
  if (valid.length > 0) {
    await ctx.db.$transaction(
      async (tx) => {
        const query = prismaRawQuery(tx);
        for (const row of valid) {
          const customer = await resolveCustomer(query, ctx.actor.workspaceId, {
            userId: row.userId,
            anonymousId: null,
          });
          if (customer) await applyTraits(query, customer, row.traits, null);
        }
        await recordAudit(tx, ctx.actor, {
          action: "customer.import",
          entityType: "customer",
          entityId: `import:lines-${firstLine}-${firstLine + rows.length - 1}`,
          summary: `Imported ${valid.length} customers from a CSV (lines ${firstLine}–${firstLine + rows.length - 1})`,
        });
      },
      { timeout: 60_000 },
    );
  }
  return { imported: valid.length, rejected };
}
