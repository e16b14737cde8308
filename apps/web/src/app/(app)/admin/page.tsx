import type { Metadata } from "next";
import { PageHeader } from "~/components/page-header";
import { requireArea } from "~/server/viewer";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireArea("admin");
  const api = await serverApi();
  const [members, objectives] = await Promise.all([api.workspace.members(), api.objective.list()]);
  return (
    <>
      <PageHeader title="Admin" description="Objectives, people and roles of this workspace." />
      <div className="grid gap-6 p-8 xl:grid-cols-2">
        <section className="rounded-xl border border-slate-200 bg-white shadow-sm">
          <h2 className="border-b border-slate-100 px-5 py-3 text-sm font-semibold">Objectives</h2>
          <ul className="divide-y divide-slate-100">
            {objectives.map((o) => (
              <li key={o.id} className="px-5 py-3">
                <p className="text-sm font-medium">{o.name}</p>
                <p className="text-xs text-slate-500">
                  {o.metric.direction === "increase" ? "Increase" : "Decrease"} {o.metric.aggregation} of “
                  {o.metric.event}”{o.metric.property ? ` (${o.metric.property})` : ""} within {o.metric.windowDays}{" "}
                  days
                </p>
              </li>
            ))}
            {objectives.length === 0 ? <li className="px-5 py-6 text-sm text-slate-500">No objectives yet.</li> : null}
          </ul>
        </section>
        <section className="rounded-xl border border-slate-200 bg-white shadow-sm">
          <h2 className="border-b border-slate-100 px-5 py-3 text-sm font-semibold">Members</h2>
          <table className="w-full text-sm">
            <tbody className="divide-y divide-slate-100">
              {members.map((m) => (
                <tr key={m.userId}>
                  <td className="px-5 py-3">
                    <p className="font-medium">{m.name}</p>
                    <p className="text-xs text-slate-500">{m.email}</p>
                  </td>
                  <td className="px-5 py-3 text-right">
                    <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-600">
                      {m.role}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </>
  );
}
