import type { Page } from "@playwright/test";

/**
 * Calls a tRPC procedure over HTTP as the signed-in browser user (same cookies, same checks as the app), for
 * setting up data a test is not about. Inputs and outputs use superjson's envelope; plain JSON values pass as is.
 */
export async function trpcCall<T>(page: Page, path: string, input: unknown, kind: "query" | "mutation"): Promise<T> {
  const url = `/api/trpc/${path}?batch=1`;
  const payload = { 0: { json: input } };
  const response =
    kind === "query"
      ? await page.request.get(`${url}&input=${encodeURIComponent(JSON.stringify(payload))}`)
      : await page.request.post(url, { data: payload });
  const body = (await response.json()) as [{ result?: { data: { json: T } }; error?: { json: { message: string } } }];
  const first = body[0];
  if (!first?.result) throw new Error(`${path} failed: ${first?.error?.json.message ?? response.status()}`);
  return first.result.data.json;
}
