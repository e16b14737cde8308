import type { Metadata } from "next";
import Link from "next/link";
import { MessagePreview } from "~/components/outbox/message-preview";
import { StatusBadge } from "~/components/outbox/status-badge";
import { PageHeader } from "~/components/page-header";
import { searchParam } from "~/lib/search-param";
import { requireArea } from "~/server/viewer";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Outbox" };

const STATUSES = ["PENDING", "SENDING", "SENT", "STORED", "FAILED", "QUARANTINED", "DROPPED"] as const;
type Status = (typeof STATUSES)[number];
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

function href(params: { status?: string; message?: string; cursor?: string }) {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  const text = query.toString();
  return text ? `/outbox?${text}` : "/outbox";
}

export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string | string[]; message?: string | string[]; cursor?: string | string[] }>;
}) {
  await requireArea("outbox");
  const raw = await searchParams;
  const params = {
    status: searchParam(raw.status),
    message: searchParam(raw.message),
    cursor: searchParam(raw.cursor),
  };
  const status = STATUSES.includes(params.status as Status) ? (params.status as Status) : undefined;
  const api = await serverApi();
  const page = await api.outbox.list({ status, cursor: params.cursor, limit: 50 });
  const selectedId = params.message ?? page.items[0]?.id;
  const selected = selectedId ? await api.outbox.get({ id: selectedId }).catch(() => null) : null;
  return (
    <>
      <PageHeader
        title="Outbox"
        description="Every message journeys produced, as rendered for the customer. Without an SMTP server configured, emails are kept here (stored) instead of sent."
      />
      <div className="space-y-4 p-8">
        <nav className="flex flex-wrap gap-2 text-sm" aria-label="Filter by status">
          {[undefined, ...STATUSES].map((s) => (
            <Link
              key={s ?? "all"}
              href={href({ status: s })}
              className={`rounded-full border px-3 py-1 ${s === status ? "border-brand-500 bg-brand-50 text-brand-700" : "border-slate-200 bg-white text-slate-600 hover:bg-slate-50"}`}
            >
              {s ? s.toLowerCase() : "all"}
            </Link>
          ))}
        </nav>
        <div className="grid gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <section className="rounded-xl border border-slate-200 bg-white shadow-sm">
            <h2 className="border-b border-slate-100 px-5 py-3 text-sm font-semibold">
              Messages <span className="ml-1 text-slate-400">{page.items.length}</span>
            </h2>
            {page.items.length === 0 ? (
              <p className="px-5 py-10 text-center text-sm text-slate-500">
                No messages yet. They appear when customers reach a message step of a live journey.
              </p>
            ) : (
              <table className="w-full table-fixed text-sm" aria-label="Messages">
                <thead className="text-left text-xs uppercase tracking-wide text-slate-400">
                  <tr>
                    <th className="w-20 px-5 py-2 font-medium">Channel</th>
                    <th className="px-2 py-2 font-medium">Recipient</th>
                    <th className="px-2 py-2 font-medium">Subject</th>
                    <th className="w-28 px-2 py-2 font-medium">Status</th>
                    <th className="w-36 px-5 py-2 font-medium">Created</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {page.items.map((m) => (
                    <tr key={m.id} className={m.id === selectedId ? "bg-brand-50/60" : "hover:bg-slate-50"}>
                      <td className="px-5 py-2.5 text-slate-600">{m.channel}</td>
                      <td className="truncate px-2 py-2.5">
                        <Link href={href({ status, message: m.id, cursor: params.cursor })} className="hover:underline">
                          {m.to}
                        </Link>
                      </td>
                      <td className="truncate px-2 py-2.5">
                        <span className="block truncate">{m.subject ?? "—"}</span>
                        {m.journeyName ? (
                          <span className="block truncate text-xs text-slate-400">{m.journeyName}</span>
                        ) : null}
                      </td>
                      <td className="px-2 py-2.5">
                        <StatusBadge status={m.status} />
                      </td>
                      <td className="px-5 py-2.5 text-xs text-slate-500">{dateFormat.format(m.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {page.nextCursor ? (
              <div className="border-t border-slate-100 px-5 py-3 text-right">
                <Link
                  href={href({ status, cursor: page.nextCursor })}
                  className="text-sm text-brand-700 hover:underline"
                >
                  Older messages →
                </Link>
              </div>
            ) : null}
          </section>
          {selected ? <MessagePreview message={selected} /> : null}
        </div>
      </div>
    </>
  );
}
