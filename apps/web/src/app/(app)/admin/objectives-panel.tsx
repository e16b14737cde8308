"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { type FieldErrors, secondaryButtonClass } from "~/components/form-fields";
import { emptyObjective, type ObjectiveDraft, ObjectiveForm } from "./objective-form";

type Objective = ObjectiveDraft & { id: string; archived: boolean };

const fieldErrorsOf = (error: unknown, prefix = ""): FieldErrors => {
  const raw = (error as { data?: { fieldErrors?: FieldErrors | null } } | null)?.data?.fieldErrors ?? {};
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key.replace(prefix, ""), value]));
};

/** Objectives: list with edit and archive, and the form to add one. Writes are admin-only on the server. */
export function ObjectivesPanel({ initial }: { initial: Objective[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery({
    ...trpc.objective.list.queryOptions({ includeArchived: true }),
    initialData: initial as never,
  });
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.objective.list.queryKey() });
  const done = () => {
    setEditing(null);
    return refresh();
  };
  const create = useMutation(trpc.objective.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.objective.update.mutationOptions({ onSuccess: done }));
  const archive = useMutation(trpc.objective.archive.mutationOptions({ onSuccess: refresh }));
  const objectives = (list.data ?? []) as Objective[];

  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-labelledby="objectives-title">
      <div className="flex items-center justify-between border-b border-slate-100 px-5 py-3">
        <h2 id="objectives-title" className="text-sm font-semibold">
          Objectives
        </h2>
        <button
          type="button"
          className={secondaryButtonClass}
          onClick={() => {
            create.reset();
            setEditing("new");
          }}
        >
          New objective
        </button>
      </div>
      {editing === "new" ? (
        <ObjectiveForm
          initial={emptyObjective}
          errors={fieldErrorsOf(create.error)}
          pending={create.isPending}
          submitLabel="Create objective"
          onSubmit={(draft) => create.mutate(draft)}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      <ul className="divide-y divide-slate-100">
        {objectives.map((o) =>
          editing === o.id ? (
            <li key={o.id}>
              <ObjectiveForm
                initial={o}
                errors={fieldErrorsOf(update.error, "objective.")}
                pending={update.isPending}
                submitLabel="Save objective"
                onSubmit={(draft) => update.mutate({ id: o.id, objective: draft })}
                onCancel={() => setEditing(null)}
              />
            </li>
          ) : (
            <li key={o.id} className={`flex items-center gap-3 px-5 py-3 ${o.archived ? "opacity-50" : ""}`}>
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium">
                  {o.name}
                  {o.archived ? <span className="ml-2 text-xs text-slate-500">archived</span> : null}
                </p>
                <p className="text-xs text-slate-500">
                  {o.metric.direction === "increase" ? "Increase" : "Decrease"} {o.metric.aggregation} of “
                  {o.metric.event}”{o.metric.property ? ` (${o.metric.property})` : ""} within {o.metric.windowDays}{" "}
                  days
                  {o.negativeSignals.length > 0
                    ? ` · penalised by ${o.negativeSignals.map((s) => `${s.event} ×${s.weight}`).join(", ")}`
                    : ""}
                </p>
              </div>
              <button
                type="button"
                className={secondaryButtonClass}
                onClick={() => {
                  update.reset();
                  setEditing(o.id);
                }}
                aria-label={`Edit ${o.name}`}
              >
                Edit
              </button>
              <button
                type="button"
                className={secondaryButtonClass}
                onClick={() => archive.mutate({ id: o.id, archived: !o.archived })}
                aria-label={`${o.archived ? "Restore" : "Archive"} ${o.name}`}
              >
                {o.archived ? "Restore" : "Archive"}
              </button>
            </li>
          ),
        )}
        {objectives.length === 0 ? <li className="px-5 py-6 text-sm text-slate-500">No objectives yet.</li> : null}
      </ul>
      {archive.error ? <p className="px-5 pb-3 text-xs text-red-600">{archive.error.message}</p> : null}
    </section>
  );
}
