import type { Metadata } from "next";
import { JourneyList } from "~/components/journeys/journey-list";
import { requireArea } from "~/server/viewer";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Journeys" };

export default async function JourneysPage() {
  await requireArea("journeys");
  const api = await serverApi();
  const objectives = await api.objective.list();
  return <JourneyList objectives={objectives.map((o) => ({ id: o.id, name: o.name, description: o.description }))} />;
}
