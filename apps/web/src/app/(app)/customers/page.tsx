import { ListCustomersInput } from "@northstar/core";
import type { Metadata } from "next";
import type { ZodError } from "zod";
import Link from "next/link";
import { CsvImport } from "~/components/customers/csv-import";
import { PageHeader } from "~/components/page-header";
import { searchParam } from "~/lib/search-param";
import { requireArea } from "~/server/viewer";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Customers" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

function displayName(traits: unknown): string | null {
  const t = (traits ?? {}) as Record<string, unknown>;
  const name = t.name ?? [t.firstName, t.lastName].filter((p) => typeof p === "string").join(" ");
  return typeof name === "string" && name.trim() ? name.trim() : null;
}

function searchErrorOf(error: ZodError): string {
  const issue = error.issues[0];
  if (issue?.code === "too_big" && issue.path[0] === "search") {
    return `Search is limited to ${String(issue.maximum)} characters; shorten it and search again.`;
  }
  return "This search cannot be run; change it and search again.";
}

export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[]; cursor?: string | string[] }>;
}) {
  const viewer = await requireArea("customers");
  const params = await searchParams;
  const q = searchParam(params.q);
  // The search is checked against the procedure's own input schema here, so a bad one is a message on the form
  // rather than an error page.
  const input = ListCustomersInput.safeParse({ search: q || undefined, cursor: searchParam(params.cursor), limit: 50 });
  const searchError = input.success ? null : searchErrorOf(input.error);
  const api = await serverApi();
  const page = input.success ? await api.customers.list(input.data) : { items: [], nextCursor: null };
  return (
    <>
      <PageHeader
        title="Customers"
        description="Profiles created by identify and track calls. Open one to see its events, journeys, decisions and messages."
      />
      <div className="space-y-4 p-8">
        {viewer.role === "MARKETER" ? null : <CsvImport />}
        <form className="flex max-w-md gap-2" action="/customers">
          <label htmlFor="customer-search" className="sr-only">
            Search customers
          </label>
          <input
            id="customer-search"
            name="q"
            defaultValue={q ?? ""}
            maxLength={200}
            aria-invalid={searchError ? true : undefined}
            aria-describedby={searchError ? "customer-search-error" : undefined}
            placeholder="Email or user id"
            className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          />
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium">
            Search
          </button>
        </form>
        {searchError ? (
          <p id="customer-search-error" role="alert" className="text-sm text-red-700">
            {searchError}
          </p>
        ) : null}
        <section className="rounded-xl border border-slate-200 bg-white shadow-sm">
          <h2 className="border-b border-slate-100 px-5 py-3 text-sm font-semibold">
            {q ? `Matching “${q}”` : "All customers"} <span className="ml-1 text-slate-400">{page.items.length}</span>
          </h2>
          {page.items.length === 0 ? (
            <p className="px-5 py-10 text-center text-sm text-slate-500">
              {q
                ? "No customer matches."
                : "No customers yet. Send identify or track calls to /api/v1 with a write key."}
            </p>
          ) : (
            <table className="w-full table-fixed text-sm" aria-label="Customers">
              <thead className="text-left text-xs uppercase tracking-wide text-slate-400">
                <tr>
                  <th className="px-5 py-2 font-medium">Customer</th>
                  <th className="px-2 py-2 font-medium">User id</th>
                  <th className="w-40 px-2 py-2 font-medium">Email consent</th>
                  <th className="w-32 px-5 py-2 font-medium">Since</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.items.map((c) => {
                  const consent = (c.consent ?? {}) as Record<string, unknown>;
                  return (
                    <tr key={c.id} className="hover:bg-slate-50">
                      <td className="truncate px-5 py-2.5">
                        <Link href={`/customers/${c.id}`} className="font-medium hover:underline">
                          {displayName(c.traits) ?? c.email ?? c.externalId ?? c.anonymousId ?? c.id}
                        </Link>
                        {c.email ? <span className="block truncate text-xs text-slate-500">{c.email}</span> : null}
                      </td>
                      <td className="truncate px-2 py-2.5 font-mono text-xs text-slate-600">
                        {c.externalId ?? c.anonymousId ?? "—"}
                      </td>
                      <td className="px-2 py-2.5 text-xs text-slate-600">
                        {c.unsubscribedAt ? "unsubscribed" : consent.email === true ? "granted" : "not given"}
                      </td>
                      <td className="px-5 py-2.5 text-xs text-slate-500">{dateFormat.format(c.createdAt)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {page.nextCursor ? (
            <div className="border-t border-slate-100 px-5 py-3 text-right">
              <Link
                href={`/customers?${new URLSearchParams({ ...(q ? { q } : {}), cursor: page.nextCursor })}`}
                className="text-sm text-brand-700 hover:underline"
              >
                More →
              </Link>
            </div>
          ) : null}
        </section>
      </div>
    </>
  );
}
