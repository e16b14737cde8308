import type { AppRouter } from "@northstar/api";
import { dataTransformer } from "@northstar/api/transformer";
import { QueryClient, type QueryKey } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { describe, expect, it } from "vitest";
import { invalidateJourneyLifecycle } from "./invalidate";

describe("invalidateJourneyLifecycle", () => {
  it("marks only the journey, version, publication and dashboard queries stale, by procedure path", async () => {
    const queryClient = new QueryClient();
    const client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: "http://localhost/api/trpc", transformer: dataTransformer })],
    });
    const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });
    const keys = {
      journey: trpc.journey.list.queryKey({}),
      version: trpc.version.list.queryKey({ journeyId: "j1" }),
      publication: trpc.publication.list.queryKey({ journeyId: "j1", status: "PENDING" }),
      dashboard: trpc.dashboard.overview.queryKey({}),
      objectives: trpc.objective.list.queryKey(),
      customers: trpc.customers.list.queryKey({}),
    };
    for (const key of Object.values(keys)) queryClient.setQueryData(key as QueryKey, { cached: true });

    await invalidateJourneyLifecycle(queryClient, trpc);

    const stale = Object.fromEntries(
      Object.entries(keys).map(([name, key]) => [name, queryClient.getQueryState(key as QueryKey)?.isInvalidated]),
    );
    expect(stale).toEqual({
      journey: true,
      version: true,
      publication: true,
      dashboard: true,
      objectives: false,
      customers: false,
    });
  });
});
