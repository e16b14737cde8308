"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useInvalidateJourneyLifecycle, useTRPC } from "~/trpc/react";

interface Props {
  journeyId: string;
  version: { id: string; number: number; state: string; readOnly: boolean };
  draftId: string | null;
  published: boolean;
}

/** Says which version is on screen and, when it is read-only, how to get back to editing. */
export function VersionBanner({ journeyId, version, draftId, published }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const invalidateLifecycle = useInvalidateJourneyLifecycle();
  const openDraft = useMutation(
    trpc.version.openDraft.mutationOptions({
      onSuccess: async () => {
        await invalidateLifecycle();
        router.push(`/journeys/${journeyId}`);
      },
    }),
  );
  if (version.state === "PENDING_APPROVAL") {
    return (
      <p
        className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900"
        data-testid="version-banner"
      >
        v{version.number} is awaiting approval and read-only while a manager reviews it; the Publish tab shows the
        request.
      </p>
    );
  }
  if (!version.readOnly) return null;
  const label = version.state === "PUBLISHED" ? "live" : version.state.toLowerCase();
  return (
    <div
      className="flex items-center justify-between border-b border-slate-200 bg-slate-100 px-4 py-2 text-sm text-slate-700"
      data-testid="version-banner"
    >
      <p>
        <strong>Read-only:</strong> you are viewing v{version.number} ({label}).{" "}
        {version.state === "PUBLISHED" ? "Published versions never change; edits go to a new draft." : null}
      </p>
      <div className="flex gap-2">
        {draftId && draftId !== version.id ? (
          <Link
            href={`/journeys/${journeyId}`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1 text-xs font-medium hover:bg-slate-50"
          >
            Back to the draft
          </Link>
        ) : null}
        {!draftId && published ? (
          <button
            type="button"
            disabled={openDraft.isPending}
            onClick={() => openDraft.mutate({ journeyId })}
            className="rounded-md bg-brand-600 px-3 py-1 text-xs font-medium text-white hover:bg-brand-700"
          >
            Edit in a new draft
          </button>
        ) : null}
      </div>
    </div>
  );
}
