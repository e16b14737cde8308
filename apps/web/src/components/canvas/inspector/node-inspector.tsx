"use client";

import { isNodeKind, NODE_CONFIG_SCHEMAS, nameSchema } from "@northstar/journey";
import { useMemo } from "react";
import { useShallow } from "zustand/react/shallow";
import { useCanvasStore } from "~/lib/canvas/canvas-store";
import { fieldErrors, setPath } from "~/lib/canvas/field-errors";
import type { JourneyFlowNode } from "~/lib/canvas/flow-types";
import { NODE_CATALOG } from "~/lib/canvas/node-catalog";
import { AgentNodeDecisions } from "~/components/decisions/agent-node-decisions";
import { KIND_STYLE } from "../kind-style";
import { CONFIG_FORMS, SHOWN_PATHS } from "./config-forms";
import { type FormBinding, OtherErrors, TextField } from "./fields";
import { JsonConfig } from "./json-config";

/** The selected node's name and config, validated as you type by the schema the server uses. */
export function NodeInspector({ node }: { node: JourneyFlowNode }) {
  const kind = node.type;
  const readOnly = useCanvasStore((s) => s.readOnly);
  const updateNodeData = useCanvasStore((s) => s.updateNodeData);
  const options = useCanvasStore(
    useShallow((s) =>
      s.edges
        .filter((e) => e.source === node.id && e.data?.option)
        .map((e) => `${e.id}\u0000${e.data?.option?.label ?? e.id}`),
    ),
  );
  const fallbackOptions = options.map((o) => {
    const [value = "", label = ""] = o.split("\u0000");
    return { value, label };
  });
  const schema = isNodeKind(kind) ? NODE_CONFIG_SCHEMAS[kind] : null;
  const errors = useMemo(() => (schema ? fieldErrors(schema, node.data.config) : {}), [schema, node.data.config]);
  const nameErrors =
    node.data.name !== undefined && node.data.name !== "" ? fieldErrors(nameSchema, node.data.name)[""] : undefined;

  const form: FormBinding = {
    value: node.data.config,
    errors,
    readOnly,
    // One key per field: typing in a field is one undo step, not one per keystroke.
    set: (path, value) =>
      updateNodeData(
        node.id,
        { config: path === "" ? value : setPath(node.data.config, path, value) },
        `config:${node.id}:${path}`,
      ),
  };
  const nameForm: FormBinding = {
    value: { name: node.data.name ?? "" },
    errors: nameErrors ? { name: nameErrors } : {},
    readOnly,
    set: (_p, value) => updateNodeData(node.id, { name: value as string }, `name:${node.id}`),
  };
  const Form = CONFIG_FORMS[kind];
  return (
    <div className="space-y-3" data-testid="node-inspector">
      <div className="flex items-center gap-2">
        <span
          className={`inline-flex h-6 w-6 items-center justify-center rounded-md text-xs text-white ${KIND_STYLE[kind].accent}`}
        >
          {KIND_STYLE[kind].icon}
        </span>
        <div>
          <p className="text-sm font-semibold text-slate-900">{NODE_CATALOG[kind].label}</p>
          <p className="font-mono text-[10px] text-slate-400">{node.id}</p>
        </div>
      </div>
      <TextField form={nameForm} path="name" label="Name" />
      <Form form={form} fallbackOptions={fallbackOptions} stepId={node.id} />
      <OtherErrors
        errors={errors}
        shown={[...SHOWN_PATHS, ...Object.keys(errors).filter((path) => path.startsWith("learnsFrom"))]}
      />
      {Object.keys(errors).length === 0 ? <p className="text-xs text-emerald-700">✓ Configuration is valid</p> : null}
      <JsonConfig
        value={node.data.config}
        readOnly={readOnly}
        onApply={(config) => updateNodeData(node.id, { config })}
      />
      {kind === "agent" ? <AgentNodeDecisions stepId={node.id} /> : null}
    </div>
  );
}
