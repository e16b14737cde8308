import type { Metadata } from "next";
import { PageHeader } from "~/components/page-header";
import { requireArea } from "~/server/viewer";
import { serverApi } from "~/trpc/server";
import { GuardrailsForm } from "./guardrails-form";
import { ModelDataPolicyForm } from "./model-data-policy-form";
import { ObjectivesPanel } from "./objectives-panel";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireArea("admin");
  const api = await serverApi();
  const [members, objectives, guardrails, modelDataPolicy] = await Promise.all([
    api.workspace.members(),
    api.objective.list({ includeArchived: true }),
    api.guardrails.global(),
    api.guardrails.modelDataPolicy(),
  ]);
  return (
    <>
      <PageHeader title="Admin" description="Objectives, guardrails, people and roles of this workspace." />
      <div className="grid gap-6 p-8 xl:grid-cols-2">
        <ObjectivesPanel initial={objectives} />
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
        <section
          className="rounded-xl border border-slate-200 bg-white shadow-sm xl:col-span-2"
          aria-labelledby="guardrails-title"
        >
          <h2 id="guardrails-title" className="border-b border-slate-100 px-5 py-3 text-sm font-semibold">
            Guardrails
            <span className="ml-2 font-normal text-slate-500">global; journeys may override them</span>
          </h2>
          <GuardrailsForm initial={guardrails} />
        </section>
        <section
          className="rounded-xl border border-slate-200 bg-white shadow-sm xl:col-span-2"
          aria-labelledby="model-data-title"
        >
          <h2 id="model-data-title" className="border-b border-slate-100 px-5 py-3 text-sm font-semibold">
            What models may see
            <span className="ml-2 font-normal text-slate-500">
              customer data in the prompts of LLM decisions and messages
            </span>
          </h2>
          <ModelDataPolicyForm initial={modelDataPolicy} />
        </section>
      </div>
    </>
  );
}
