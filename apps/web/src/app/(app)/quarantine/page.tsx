import type { Metadata } from "next";
import Link from "next/link";
import { QuarantineActions } from "~/components/outbox/quarantine-actions";
import { PageHeader } from "~/components/page-header";
import { searchParam } from "~/lib/search-param";
import { requireArea } from "~/server/viewer";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Quarantine" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export default async function QuarantinePage({
  searchParams,
}: {
  searchParams: Promise<{ cursor?: string | string[] }>;
}) {
  await requireArea("quarantine");
  const cursor = searchParam((await searchParams).cursor);
  const api = await serverApi();
  const page = await api.outbox.quarantine({ cursor });
  return (
    <>
      <PageHeader
        title="Quarantine"
        description="Sends that failed every attempt, or whose delivery a crash left unknown. Retry sends again; drop gives up on the message."
      />
      <div className="p-8">
        <section className="rounded-xl border border-slate-200 bg-white shadow-sm">
          <h2 className="border-b border-slate-100 px-5 py-3 text-sm font-semibold">
            Quarantined messages <span className="ml-1 text-slate-400">{page.items.length}</span>
          </h2>
          {page.items.length === 0 ? (
            <p className="px-5 py-10 text-center text-sm text-slate-500">No message is quarantined.</p>
          ) : (
            <ul className="divide-y divide-slate-100" aria-label="Quarantined messages">
              {page.items.map((m) => (
                <li key={m.id} className="flex items-center justify-between gap-4 px-5 py-4">
                  <div className="min-w-0">
                    <p className="truncate text-sm font-medium">
                      <Link href={`/outbox?message=${m.id}`} className="hover:underline">
                        {m.subject ?? `${m.channel} message`}
                      </Link>{" "}
                      <span className="text-slate-400">to {m.to}</span>
                    </p>
                    <p className="text-xs text-slate-500">
                      {m.channel} · {m.journeyName ?? "no journey"} · {m.attempts} attempt{m.attempts === 1 ? "" : "s"}
                      {m.quarantinedAt ? ` · quarantined ${dateFormat.format(m.quarantinedAt)}` : ""}
                    </p>
                    {m.lastError ? <p className="mt-1 truncate text-xs text-red-600">{m.lastError}</p> : null}
                  </div>
                  <QuarantineActions messageId={m.id} />
                </li>
              ))}
            </ul>
          )}
          {page.nextCursor ? (
            <div className="border-t border-slate-100 px-5 py-3 text-right">
              <Link href={`/quarantine?cursor=${page.nextCursor}`} className="text-sm text-brand-700 hover:underline">
                More →
              </Link>
            </div>
          ) : null}
        </section>
      </div>
    </>
  );
}
