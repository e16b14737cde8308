import type { QueryClient } from "@tanstack/react-query";
import type { useTRPC } from "./react";

type Trpc = ReturnType<typeof useTRPC>;

/**
 * The routers whose answers a change of a journey's versions can change (publish, request, approve, open or restore a
 * draft, prune): their queries refetch, the rest of the cache stays. By procedure path, never the whole cache.
 */
export function invalidateJourneyLifecycle(queryClient: QueryClient, trpc: Trpc) {
  return Promise.all(
    [trpc.journey, trpc.version, trpc.publication, trpc.dashboard].map((router) =>
      queryClient.invalidateQueries(router.pathFilter()),
    ),
  );
}
