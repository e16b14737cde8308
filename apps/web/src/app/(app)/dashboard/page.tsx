import type { Metadata } from "next";
import { PageHeader } from "~/components/page-header";
import { requireArea } from "~/server/viewer";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  await requireArea("dashboard");
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Workflow health: stale branches, idle and overlapping journeys, message pressure."
      />
      <div className="p-8">
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-500">
          The bloat audit appears here once journeys have run.
        </div>
      </div>
    </>
  );
}
