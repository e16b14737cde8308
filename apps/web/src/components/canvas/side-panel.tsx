"use client";

import { useState } from "react";
import { useCanvasStore } from "~/lib/canvas/canvas-store";
import { HistoryPanel } from "./history-panel";
import { InspectorPanel } from "./inspector/inspector-panel";
import { ProblemsPanel } from "./problems-panel";
import { PublishPanel } from "./publish-panel";
import type { CompileStatus } from "./use-live-diagnostics";

type Tab = "inspect" | "problems" | "versions" | "publish";

interface Props {
  journeyId: string;
  version: { id: string; number: number; state: string };
  draftId: string | null;
  role: string;
  compile: CompileStatus;
  flush: () => Promise<void>;
  dirty: boolean;
}

/** The right-hand panel; selecting an element on the canvas brings the inspector forward. */
export function SidePanel(props: Props) {
  const [tab, setTab] = useState<Tab>("inspect");
  const errors = useCanvasStore((s) => s.diagnostics.errors);
  const warnings = useCanvasStore((s) => s.diagnostics.warnings);
  const tabs: { id: Tab; label: string; badge?: number; tone?: string }[] = [
    { id: "inspect", label: "Inspect" },
    { id: "problems", label: "Problems", badge: errors + warnings, tone: errors > 0 ? "bg-red-500" : "bg-amber-500" },
    { id: "versions", label: "Versions" },
    { id: "publish", label: "Publish" },
  ];
  return (
    <aside className="flex w-80 shrink-0 flex-col border-l border-slate-200 bg-white" aria-label="Journey panel">
      <div className="flex border-b border-slate-200" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            onClick={() => setTab(t.id)}
            className={`flex flex-1 items-center justify-center gap-1 border-b-2 px-2 py-2.5 text-xs font-medium ${
              tab === t.id
                ? "border-brand-600 text-brand-700"
                : "border-transparent text-slate-500 hover:text-slate-800"
            }`}
          >
            {t.label}
            {t.badge ? (
              <span
                className={`rounded-full px-1.5 text-[10px] font-bold text-white ${t.tone}`}
                data-testid={`${t.id}-count`}
              >
                {t.badge}
              </span>
            ) : null}
          </button>
        ))}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-4">
        {tab === "inspect" ? <InspectorPanel /> : null}
        {tab === "problems" ? <ProblemsPanel compiling={props.compile.compiling} /> : null}
        {tab === "versions" ? (
          <HistoryPanel journeyId={props.journeyId} shownVersionId={props.version.id} draftVersionId={props.draftId} />
        ) : null}
        {tab === "publish" ? (
          <PublishPanel
            journeyId={props.journeyId}
            version={props.version}
            role={props.role}
            compile={props.compile}
            flush={props.flush}
            dirty={props.dirty}
          />
        ) : null}
      </div>
    </aside>
  );
}
