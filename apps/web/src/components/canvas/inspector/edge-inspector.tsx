"use client";

import { edgeConditionSchema, edgeOptionSchema, nameSchema } from "@northstar/journey";
import { useCanvasStore } from "~/lib/canvas/canvas-store";
import { fieldErrors, setPath } from "~/lib/canvas/field-errors";
import type { JourneyFlowEdge } from "~/lib/canvas/flow-types";
import { type FormBinding, OtherErrors, TextField } from "./fields";
import { useStaleBranches } from "../stale/stale-branches-store";
import { JsonConfig } from "./json-config";

/** An edge: an agent option (label, description, eligibility), a rule-split condition, or a plain link. */
export function EdgeInspector({ edge }: { edge: JourneyFlowEdge }) {
  const readOnly = useCanvasStore((s) => s.readOnly);
  const updateEdgeData = useCanvasStore((s) => s.updateEdgeData);
  const sourceKind = useCanvasStore((s) => s.nodes.find((n) => n.id === edge.source)?.type);
  const names = useCanvasStore((s) => {
    const name = (id: string) => s.nodes.find((n) => n.id === id)?.data.name ?? id;
    return `${name(edge.source)} → ${name(edge.target)}`;
  });
  const option = edge.data?.option;
  const stale = useCanvasStore((s) => s.diagnostics.byEdge.get(edge.id)?.find((d) => d.code === "STALE_BRANCH"));
  const prunable = useStaleBranches((s) => (s.canPrune ? s.byEdge.get(edge.id) : undefined));
  const startPrune = useStaleBranches((s) => s.prune);

  const optionForm: FormBinding = {
    value: option ?? {},
    errors: option ? fieldErrors(edgeOptionSchema, option) : {},
    readOnly,
    set: (path, value) =>
      updateEdgeData(
        edge.id,
        { option: setPath(option ?? { label: "", description: "", eligibility: [] }, path, value) },
        `option:${edge.id}:${path}`,
      ),
  };
  const labelForm: FormBinding = {
    value: { label: edge.data?.label ?? "" },
    errors: edge.data?.label ? { label: fieldErrors(nameSchema, edge.data.label)[""] ?? [] } : {},
    readOnly,
    set: (_p, value) => updateEdgeData(edge.id, { label: value as string }, `label:${edge.id}`),
  };
  return (
    <div className="space-y-3" data-testid="edge-inspector">
      <div>
        <p className="text-sm font-semibold text-slate-900">
          {option ? "Agent option" : sourceKind === "rule_split" ? "Rule branch" : "Connection"}
        </p>
        <p className="text-xs text-slate-500">{names}</p>
        {edge.sourceHandle && edge.sourceHandle !== "out" ? (
          <p className="text-xs text-slate-500">Taken on: {edge.sourceHandle}</p>
        ) : null}
      </div>
      {prunable ? (
        <div
          className="rounded-md border border-amber-300 bg-amber-50 p-2.5 text-xs text-amber-900"
          data-testid="stale-panel"
        >
          <p className="font-semibold">Stale branch: idle {prunable.idleDays} days</p>
          <p className="mt-0.5">
            Last fired {prunable.lastFiredAt ? new Date(prunable.lastFiredAt).toLocaleDateString("en-GB") : "never"}.
            Pruning makes a new draft without it and the steps only it reaches, for approval.
          </p>
          <button
            type="button"
            onClick={() => startPrune(prunable)}
            className="mt-2 rounded-md bg-amber-600 px-2.5 py-1 font-medium text-white hover:bg-amber-700"
          >
            Prune branch
          </button>
        </div>
      ) : stale ? (
        <div
          className="rounded-md border border-slate-300 bg-slate-50 p-2.5 text-xs text-slate-700"
          data-testid="stale-panel"
        >
          <p className="font-semibold">Stale branch</p>
          <p className="mt-0.5">{stale.message}</p>
          <p className="mt-1 text-slate-500">A manager can prune it from the live version or the bloat dashboard.</p>
        </div>
      ) : null}
      {option || sourceKind === "agent" ? (
        <>
          <TextField form={optionForm} path="label" label="Option label" hint="Shown on the canvas and to the agent" />
          <TextField
            form={optionForm}
            path="description"
            label="What this option is for"
            multiline
            hint="The agent reads this to decide"
          />
          <OtherErrors errors={optionForm.errors} shown={["label", "description"]} />
          <JsonConfig
            label="Eligibility rules (JSON)"
            value={option?.eligibility ?? []}
            readOnly={readOnly}
            onApply={(v) => optionForm.set("eligibility", v)}
          />
        </>
      ) : sourceKind === "rule_split" ? (
        <>
          <JsonConfig
            label="Condition (JSON)"
            value={edge.data?.condition ?? { type: "else" }}
            readOnly={readOnly}
            onApply={(v) => updateEdgeData(edge.id, { condition: v as never })}
          />
          <OtherErrors
            errors={
              edge.data?.condition
                ? fieldErrors(edgeConditionSchema, edge.data.condition)
                : { "": ["a branch of a rule split needs a condition"] }
            }
            shown={[]}
          />
        </>
      ) : (
        <TextField form={labelForm} path="label" label="Label (optional)" />
      )}
    </div>
  );
}
