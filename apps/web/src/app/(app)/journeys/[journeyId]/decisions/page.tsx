import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { NodeDecisions } from "~/components/decisions/node-decisions";
import { PageHeader } from "~/components/page-header";
import { requireArea } from "~/server/viewer";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Journey decisions" };

const agentNodes = z.object({
  nodes: z.array(z.object({ id: z.string(), kind: z.string(), name: z.string().optional() }).loose()),
});

export default async function JourneyDecisionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ journeyId: string }>;
  searchParams: Promise<{ step?: string }>;
}) {
  await requireArea("journeys");
  const { journeyId } = await params;
  const { step } = await searchParams;
  const api = await serverApi();
  const journey = await api.journey.get({ journeyId }).catch((error: { code?: string }) => {
    if (error.code === "NOT_FOUND") notFound();
    throw error;
  });
  // The agent nodes of the live version (else the newest one): node ids are stable across versions.
  const versions = await api.version.list({ journeyId });
  const shownId = (versions.find((v) => v.state === "PUBLISHED") ?? versions[0])?.id;
  const shown = shownId ? await api.version.get({ versionId: shownId }) : null;
  const parsed = agentNodes.safeParse(shown?.definition);
  const agents = (parsed.success ? parsed.data.nodes : [])
    .filter((n) => n.kind === "agent")
    .map((n) => ({ id: n.id, name: n.name || n.id }));
  return (
    <>
      <PageHeader
        title={`Decisions in ${journey.name}`}
        description="What each agent node chose per day, and what those choices earned against the objective."
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
        {agents.length === 0 ? (
          <p className="rounded-xl border border-slate-200 bg-white px-5 py-10 text-center text-sm text-slate-500">
            This journey has no agent node.
          </p>
        ) : (
          <NodeDecisions
            journeyId={journeyId}
            agents={agents}
            initialStepId={agents.some((a) => a.id === step) && step ? step : (agents[0]?.id ?? "")}
          />
        )}
      </div>
    </>
  );
}
