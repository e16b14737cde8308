import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { GuardrailOverrides } from "~/components/journeys/guardrail-overrides";
import { PageHeader } from "~/components/page-header";
import { requireArea } from "~/server/viewer";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Journey guardrails" };

export default async function JourneyGuardrailsPage({ params }: { params: Promise<{ journeyId: string }> }) {
  const viewer = await requireArea("journeys");
  const { journeyId } = await params;
  const api = await serverApi();
  const guardrails = await api.guardrails.journey({ journeyId }).catch((error: { code?: string }) => {
    if (error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const canEdit = viewer.role === "ADMIN";
  return (
    <>
      <PageHeader
        title={`Guardrails of ${guardrails.journeyName}`}
        description={
          canEdit
            ? "Override the global guardrails for this journey only; a field left on global follows the workspace."
            : "The guardrails this journey runs under. Only admins change them."
        }
        actions={
          <Link
            href={`/journeys/${journeyId}`}
            className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
          >
            Back to the canvas
          </Link>
        }
      />
      <div className="p-8">
        <section className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-label="Guardrails">
          <GuardrailOverrides initial={guardrails} canEdit={canEdit} />
        </section>
      </div>
    </>
  );
}
