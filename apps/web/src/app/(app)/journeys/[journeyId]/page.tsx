import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { JourneyEditor } from "~/components/canvas/journey-editor";
import { requireArea } from "~/server/viewer";
import { serverApi } from "~/trpc/server";
import "@xyflow/react/dist/style.css";

export const metadata: Metadata = { title: "Journey" };

export default async function JourneyPage({ params }: { params: Promise<{ journeyId: string }> }) {
  const viewer = await requireArea("journeys");
  const { journeyId } = await params;
  const api = await serverApi();
  const journey = await api.journey.get({ journeyId }).catch((error: { code?: string }) => {
    if (error.code === "NOT_FOUND") return null;
    throw error;
  });
  if (!journey) notFound();
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
      />
    </Suspense>
  );
}
