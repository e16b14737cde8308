import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { timelineEntries } from "~/components/customers/timeline-entries";
import { DecisionExplanationCard } from "~/components/decisions/decision-explanation";
import { PageHeader } from "~/components/page-header";
import { requireArea } from "~/server/viewer";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Customer" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });
const DOTS: Record<string, string> = {
  event: "bg-slate-400",
  enrollment: "bg-sky-500",
  exit: "bg-emerald-500",
  decision: "bg-violet-500",
  block: "bg-red-500",
  message: "bg-amber-500",
};

export default async function CustomerPage({ params }: { params: Promise<{ customerId: string }> }) {
  await requireArea("customers");
  const { customerId } = await params;
  const api = await serverApi();
  const [timeline, explanations] = await Promise.all([
    api.customers.timeline({ customerId }),
    api.decisions.forCustomer({ customerId }),
  ]).catch((error: { code?: string }) => {
    if (error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { customer } = timeline;
  const entries = timelineEntries({ ...timeline, explanations: explanations.entries });
  const traits = Object.entries((customer.traits ?? {}) as Record<string, unknown>);
  const consent = Object.entries((customer.consent ?? {}) as Record<string, unknown>);
  return (
    <>
      <PageHeader
        title={customer.email ?? customer.externalId ?? customer.anonymousId ?? customer.id}
        description={`User id ${customer.externalId ?? "—"} · anonymous id ${customer.anonymousId ?? "—"} · time zone ${customer.timeZone ?? "unknown"}`}
        actions={
          <Link
            href="/customers"
            className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
          >
            All customers
          </Link>
        }
      />
      <div className="grid gap-4 p-8 xl:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <section className="h-fit rounded-xl border border-slate-200 bg-white shadow-sm" aria-label="Profile">
          <h2 className="border-b border-slate-100 px-5 py-3 text-sm font-semibold">Profile</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 px-5 py-4 text-sm">
            <dt className="text-slate-500">Email</dt>
            <dd className="truncate">{customer.email ?? "—"}</dd>
            <dt className="text-slate-500">Phone</dt>
            <dd>{customer.phone ?? "—"}</dd>
            <dt className="text-slate-500">Unsubscribed</dt>
            <dd>{customer.unsubscribedAt ? dateFormat.format(customer.unsubscribedAt) : "no"}</dd>
            {consent.map(([channel, value]) => (
              <ProfileRow key={`consent-${channel}`} label={`Consent: ${channel}`} value={value} />
            ))}
            {traits.map(([name, value]) => (
              <ProfileRow key={`trait-${name}`} label={name} value={value} />
            ))}
          </dl>
        </section>
        <section className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-label="Timeline">
          <h2 className="border-b border-slate-100 px-5 py-3 text-sm font-semibold">
            Timeline <span className="ml-1 text-slate-400">{entries.length}</span>
          </h2>
          {entries.length === 0 ? (
            <p className="px-5 py-10 text-center text-sm text-slate-500">Nothing has happened to this customer yet.</p>
          ) : (
            <ol className="divide-y divide-slate-100">
              {entries.map((e) => (
                <li key={e.id} className="flex gap-3 px-5 py-3">
                  <span className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${DOTS[e.kind]}`} aria-hidden="true" />
                  <div className="min-w-0 flex-1">
                    <p className="text-sm">
                      {e.href ? (
                        <Link href={e.href} className="hover:underline">
                          {e.title}
                        </Link>
                      ) : (
                        e.title
                      )}
                    </p>
                    {e.detail ? <p className="break-words text-xs text-slate-500">{e.detail}</p> : null}
                    {e.decision ? <DecisionExplanationCard decision={e.decision} /> : null}
                  </div>
                  <time className="shrink-0 text-xs text-slate-400" dateTime={e.at.toISOString()}>
                    {dateFormat.format(e.at)}
                  </time>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </>
  );
}

function ProfileRow({ label, value }: { label: string; value: unknown }) {
  return (
    <>
      <dt className="truncate text-slate-500">{label}</dt>
      <dd className="truncate">{typeof value === "string" ? value : JSON.stringify(value)}</dd>
    </>
  );
}
