import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { JourneyEditor } from "~/components/canvas/journey-editor";
import { pickShownVersion } from "~/lib/canvas/shown-version";
import { requireArea } from "~/server/viewer";
import { serverApi } from "~/trpc/server";
import "@xyflow/react/dist/style.css";

export const metadata: Metadata = { title: "Journey" };

export default async function JourneyPage({
  params,
  searchParams,
}: {
  params: Promise<{ journeyId: string }>;
  searchParams: Promise<{ version?: string }>;
}) {
  const viewer = await requireArea("journeys");
  const { journeyId } = await params;
  const { version: requested } = await searchParams;
  const api = await serverApi();
  const journey = await api.journey.get({ journeyId }).catch((error: { code?: string }) => {
    if (error.code === "NOT_FOUND") return null;
    throw error;
  });
  if (!journey) notFound();
  // The versions and the shown version come with the page: opening a large journey then costs no client round trip.
  const versions = await api.version.list({ journeyId });
  const shownId = pickShownVersion(versions, requested ?? null);
  const shown = shownId ? await api.version.get({ versionId: shownId }).catch(() => null) : null;
  return (
    // useSearchParams (the ?version= of a read-only view) needs a Suspense boundary in the App Router.
    <Suspense>
      <JourneyEditor
        journey={{
          id: journey.id,
          name: journey.name,
          status: journey.status,
          objective: journey.objective,
          owner: { name: journey.owner.name },
        }}
        role={viewer.role}
        initial={{ versions, shown }}
      />
    </Suspense>
  );
}
