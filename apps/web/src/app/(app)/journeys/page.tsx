import type { Metadata } from "next";
import { PageHeader } from "~/components/page-header";
import { requireArea } from "~/server/viewer";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Journeys" };

export default async function JourneysPage() {
  await requireArea("journeys");
  const api = await serverApi();
  const objectives = await api.objective.list();
  return (
    <>
      <PageHeader title="Journeys" description="Every journey starts from the objective it must move." />
      <div className="p-8">
        <div className="rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
          <h2 className="text-sm font-semibold">Objectives in this workspace</h2>
          <ul className="mt-3 flex flex-wrap gap-2">
            {objectives.map((o) => (
              <li key={o.id} className="rounded-full bg-brand-50 px-3 py-1 text-sm font-medium text-brand-700">
                {o.name}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </>
  );
}
