import type { Metadata } from "next";
import { PageHeader } from "~/components/page-header";
import { requireArea } from "~/server/viewer";

export const metadata: Metadata = { title: "Review queue" };

export default async function ReviewPage() {
  await requireArea("reviewQueue");
  return (
    <>
      <PageHeader
        title="Review queue"
        description="Publication requests, decisions and messages waiting for a person."
      />
      <div className="p-8">
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center text-sm text-slate-500">
          Nothing is waiting for review.
        </div>
      </div>
    </>
  );
}
