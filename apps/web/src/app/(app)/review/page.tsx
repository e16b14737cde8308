import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "~/components/page-header";
import { ReviewQueue } from "~/components/review/review-queue";
import { requireArea } from "~/server/viewer";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Review queue" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

function age(since: Date): string {
  const hours = Math.floor((Date.now() - since.getTime()) / 3_600_000);
  return hours < 1 ? "under an hour" : hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} days`;
}

export default async function ReviewPage() {
  const viewer = await requireArea("reviewQueue");
  const api = await serverApi();
  const [pending, waiting] = await Promise.all([
    api.publication.list({ status: "PENDING" }),
    api.review.list({ status: "PENDING" }),
  ]);
  const canDecide = viewer.role !== "MARKETER";
  return (
    <>
      <PageHeader
        title="Review queue"
        description={
          canDecide
            ? "Customers waiting on an unsure decision or a held message, and journeys waiting for approval."
            : "What waits for a manager: customers held for review and your publication requests."
        }
      />
      <div className="space-y-6 p-8">
        <ReviewQueue initial={waiting} canDecide={canDecide} />
        <section className="rounded-xl border border-slate-200 bg-white shadow-sm">
          <h2 className="border-b border-slate-100 px-5 py-3 text-sm font-semibold">
            Publication requests <span className="ml-1 text-slate-400">{pending.length}</span>
          </h2>
          {pending.length === 0 ? (
            <p className="px-5 py-10 text-center text-sm text-slate-500">Nothing is waiting for review.</p>
          ) : (
            <ul className="divide-y divide-slate-100" aria-label="Pending publication requests">
              {pending.map((r) => (
                <li key={r.id} className="flex items-center justify-between gap-4 px-5 py-4">
                  <div className="min-w-0">
                    <p className="truncate text-sm font-medium">
                      {r.journey.name} <span className="text-slate-400">v{r.version.number}</span>
                    </p>
                    <p className="text-xs text-slate-500">
                      Requested by {r.requestedBy.name} · {dateFormat.format(r.createdAt)} · waiting {age(r.createdAt)}
                    </p>
                    {r.note ? <p className="mt-1 text-sm text-slate-600">“{r.note}”</p> : null}
                  </div>
                  <Link
                    href={`/journeys/${r.journey.id}`}
                    className="shrink-0 rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
                  >
                    {canDecide ? "Review" : "Open"}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
