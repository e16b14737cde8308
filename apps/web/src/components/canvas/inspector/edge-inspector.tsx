"use client";

import { edgeConditionSchema, edgeOptionSchema, nameSchema } from "@northstar/journey";
import { useCanvasStore } from "~/lib/canvas/canvas-store";
import { fieldErrors, setPath } from "~/lib/canvas/field-errors";
import type { JourneyFlowEdge } from "~/lib/canvas/flow-types";
import { type FormBinding, OtherErrors, TextField } from "./fields";
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
      {stale ? (
        <div
          className="rounded-md border border-slate-300 bg-slate-50 p-2.5 text-xs text-slate-700"
          data-testid="stale-panel"
        >
          <p className="font-semibold">Stale branch</p>
          <p className="mt-0.5">{stale.message}</p>
          <button
            type="button"
            disabled
            className="mt-2 cursor-not-allowed rounded-md border border-slate-300 px-2 py-1 font-medium text-slate-400"
            title="Pruning lands with the bloat dashboard: it makes a new draft without this branch for a manager to publish"
          >
            Prune branch (coming with the bloat dashboard)
          </button>
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
