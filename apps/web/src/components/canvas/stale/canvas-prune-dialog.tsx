"use client";

import { useRouter } from "next/navigation";
import { PruneDialog } from "~/components/dashboard/prune-dialog";
import { useStaleBranches } from "./stale-branches-store";

/**
 * The dashboard's prune dialog, opened from a stale edge on the canvas. Once the pruned version is published the
 * page moves to it (the version on screen is the one it replaced).
 */
export function CanvasPruneDialog() {
  const pruning = useStaleBranches((s) => s.pruning);
  const prune = useStaleBranches((s) => s.prune);
  const router = useRouter();
  if (!pruning) return null;
  return (
    <PruneDialog
      row={pruning}
      onClose={(published) => {
        prune(null);
        if (published) router.replace(`/journeys/${pruning.journeyId}`);
      }}
    />
  );
}
