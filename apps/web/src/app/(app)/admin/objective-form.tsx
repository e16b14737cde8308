"use client";

import { useState } from "react";
import { buttonClass, Field, type FieldErrors, inputClass, secondaryButtonClass } from "~/components/form-fields";

export interface ObjectiveDraft {
  name: string;
  description: string;
  metric: {
    event: string;
    aggregation: "count" | "sum";
    property?: string;
    windowDays: number;
    direction: "increase" | "decrease";
  };
  negativeSignals: { event: string; weight: number }[];
}

export const emptyObjective: ObjectiveDraft = {
  name: "",
  description: "",
  metric: { event: "", aggregation: "count", windowDays: 14, direction: "increase" },
  negativeSignals: [],
};

/**
 * The objective form. Validation is the server's ObjectiveInputSchema (core), whose field errors come back per path
 * and are shown under each field; the client only shapes the input.
 */
export function ObjectiveForm({
  initial,
  errors,
  pending,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: ObjectiveDraft;
  errors: FieldErrors;
  pending: boolean;
  submitLabel: string;
  onSubmit: (draft: ObjectiveDraft) => void;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [signals, setSignals] = useState(initial.negativeSignals.map((s) => `${s.event}:${s.weight}`).join("\n"));
  const metric = (patch: Partial<ObjectiveDraft["metric"]>) =>
    setDraft({ ...draft, metric: { ...draft.metric, ...patch } });

  const submit = () => {
    const negativeSignals = signals
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [event = "", weight] = line.split(":");
        return { event: event.trim(), weight: weight === undefined ? 1 : Number(weight) };
      });
    const { property, ...rest } = draft.metric;
    onSubmit({
      ...draft,
      metric: { ...rest, ...(property?.trim() ? { property: property.trim() } : {}) },
      negativeSignals,
    });
  };

  return (
    <form
      className="grid gap-3 p-5 sm:grid-cols-2"
      aria-label="Objective"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Field label="Name" error={errors.name} className="sm:col-span-2">
        <input
          className={inputClass}
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        />
      </Field>
      <Field label="Description" error={errors.description} className="sm:col-span-2">
        <input
          className={inputClass}
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        />
      </Field>
      <Field label="Metric event" error={errors["metric.event"]}>
        <input className={inputClass} value={draft.metric.event} onChange={(e) => metric({ event: e.target.value })} />
      </Field>
      <Field label="Aggregation" error={errors["metric.aggregation"]}>
        <select
          className={inputClass}
          value={draft.metric.aggregation}
          onChange={(e) => metric({ aggregation: e.target.value as "count" | "sum" })}
        >
          <option value="count">count of events</option>
          <option value="sum">sum of a property</option>
        </select>
      </Field>
      <Field label="Summed property" error={errors["metric.property"]}>
        <input
          className={inputClass}
          value={draft.metric.property ?? ""}
          disabled={draft.metric.aggregation !== "sum"}
          onChange={(e) => metric({ property: e.target.value })}
        />
      </Field>
      <Field label="Attribution window (days)" error={errors["metric.windowDays"]}>
        <input
          className={inputClass}
          type="number"
          value={Number.isNaN(draft.metric.windowDays) ? "" : draft.metric.windowDays}
          onChange={(e) => metric({ windowDays: e.target.valueAsNumber })}
        />
      </Field>
      <Field label="Direction" error={errors["metric.direction"]}>
        <select
          className={inputClass}
          value={draft.metric.direction}
          onChange={(e) => metric({ direction: e.target.value as "increase" | "decrease" })}
        >
          <option value="increase">increase</option>
          <option value="decrease">decrease</option>
        </select>
      </Field>
      <Field
        label="Negative signals (one per line, event:weight)"
        error={Object.entries(errors)
          .filter(([key]) => key.startsWith("negativeSignals"))
          .flatMap(([, messages]) => messages ?? [])}
        className="sm:col-span-2"
      >
        <textarea className={inputClass} rows={2} value={signals} onChange={(e) => setSignals(e.target.value)} />
      </Field>
      {errors[""]?.length ? <p className="text-xs text-red-600 sm:col-span-2">{errors[""].join("; ")}</p> : null}
      <div className="flex gap-2 sm:col-span-2">
        <button type="submit" className={buttonClass} disabled={pending}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className={secondaryButtonClass} onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
