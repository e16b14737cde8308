import type { Metadata } from "next";
import { DashboardView } from "~/components/dashboard/dashboard-view";
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
      <DashboardView />
    </>
  );
}
