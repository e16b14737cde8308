import { createCaller } from "@northstar/api";
import { staleBranchesCsv } from "@northstar/core";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { createRequestContext } from "~/server/context";

export const dynamic = "force-dynamic";

/**
 * The stale-branch list as CSV, with the dashboard's filters as query parameters. It goes through the same tRPC
 * procedure as the dashboard, so role checks, workspace scoping and input validation are the same.
 */
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const filters = Object.fromEntries(
    ["ownerId", "tag", "status"].flatMap((key) => (params.get(key) ? [[key, params.get(key)]] : [])),
  );
  try {
    const rows = await createCaller(await createRequestContext()).dashboard.staleBranches({
      ...filters,
      limit: 100_000,
    });
    const date = new Date().toISOString().slice(0, 10);
    return new Response(staleBranchesCsv(rows), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="stale-branches-${date}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return Response.json({ error: error.message }, { status: getHTTPStatusCodeFromError(error) });
  }
}
