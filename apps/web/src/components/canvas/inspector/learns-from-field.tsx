"use client";

import type { LearnsFrom } from "@northstar/journey";
import { useQuery } from "@tanstack/react-query";
import { useParams } from "next/navigation";
import { useId, useState } from "react";
import { getPath } from "~/lib/canvas/field-errors";
import { automaticSummary, parseCuts, traitSummary, withCuts, withTraits } from "~/lib/canvas/learns-from";
import { useTRPC } from "~/trpc/react";
import type { FormBinding } from "./fields";

/**
 * Which traits an agent node learns from and where a number is cut (the config's `learnsFrom`): every trait with
 * automatic cuts by default, or the traits the marketer ticks, with cut points typed per number.
 */
export function LearnsFromField({ form, stepId }: { form: FormBinding; stepId: string }) {
  const trpc = useTRPC();
  const { journeyId } = useParams<{ journeyId: string }>();
  const catalog = useQuery(trpc.decisions.learnableTraits.queryOptions({ journeyId, stepId }));
  const value = getPath(form.value, "learnsFrom") as LearnsFrom | undefined;
  const chosen = value?.traits;
  const set = (next: LearnsFrom | undefined) => form.set("learnsFrom", next);
  const errors = Object.entries(form.errors).filter(([path]) => path.startsWith("learnsFrom"));

  const known = catalog.data?.traits ?? [];
  // A trait chosen earlier that the latest customers no longer carry stays listed, so it can be unticked.
  const names = [...known.map((t) => t.name), ...(chosen ?? []).filter((n) => !known.some((t) => t.name === n))];

  return (
    // min-w-0: a fieldset is as wide as its content by default, which would push the inspector past its edge.
    <fieldset className="min-w-0 space-y-1.5" aria-label="Learns from">
      <legend className="block text-xs font-medium text-slate-600">Learns from</legend>
      <div className="flex gap-3 text-xs text-slate-700">
        <label className="flex items-center gap-1">
          <input
            type="radio"
            checked={!chosen}
            disabled={form.readOnly}
            onChange={() => set(withTraits(value, undefined))}
          />
          Every trait
        </label>
        <label className="flex items-center gap-1">
          <input
            type="radio"
            checked={Boolean(chosen)}
            disabled={form.readOnly}
            onChange={() => set(withTraits(value, names))}
          />
          Chosen traits
        </label>
      </div>
      {catalog.error ? <p className="text-xs text-red-600">{catalog.error.message}</p> : null}
      {!catalog.data ? (
        <p className="text-[11px] text-slate-400">Loading traits…</p>
      ) : names.length === 0 ? (
        <p className="text-[11px] text-slate-400">
          No customer traits yet: the node will learn from every trait its customers bring.
        </p>
      ) : (
        <ul className="max-h-64 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-1.5">
          {names.map((name) => {
            const trait = known.find((t) => t.name === name);
            const cuts = value?.cuts?.find((c) => c.trait === name)?.at;
            return (
              <li key={name} className="space-y-0.5 text-xs">
                <label className="flex min-w-0 items-baseline gap-1.5">
                  <input
                    type="checkbox"
                    checked={!chosen || chosen.includes(name)}
                    disabled={form.readOnly || !chosen}
                    onChange={(e) =>
                      set(
                        withTraits(
                          value,
                          e.target.checked ? [...(chosen ?? []), name] : (chosen ?? []).filter((n) => n !== name),
                        ),
                      )
                    }
                  />
                  <span className="shrink-0 font-mono text-slate-800">{name}</span>
                  <span
                    className="min-w-0 truncate text-[11px] text-slate-400"
                    title={trait ? traitSummary(trait) : undefined}
                  >
                    {trait ? traitSummary(trait) : "not seen lately"}
                  </span>
                </label>
                {trait?.kind === "number" && (!chosen || chosen.includes(name)) ? (
                  <CutsInput
                    name={name}
                    cuts={cuts}
                    readOnly={form.readOnly}
                    automatic={automaticSummary(trait.automatic)}
                    onChange={(at) => set(withCuts(value, name, at))}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {catalog.data?.personal.length ? (
        <p className="text-[11px] text-slate-400">
          Never learned from (personal data): {catalog.data.personal.join(", ")}
        </p>
      ) : null}
      {errors.length ? (
        <ul className="text-xs text-red-600" role="alert">
          {errors.map(([path, messages]) => (
            <li key={path}>{messages.join("; ")}</li>
          ))}
        </ul>
      ) : (
        <p className="text-[11px] text-slate-400">
          Changing a trait's cuts restarts what the node learned about that trait.
        </p>
      )}
    </fieldset>
  );
}

/** Cut points typed as "100, 1000"; the config changes only when the text reads as numbers. */
function CutsInput({
  name,
  cuts,
  readOnly,
  automatic,
  onChange,
}: {
  name: string;
  cuts: readonly number[] | undefined;
  readOnly: boolean;
  automatic: string;
  onChange: (at: number[] | undefined) => void;
}) {
  const id = useId();
  const [text, setText] = useState(cuts?.join(", ") ?? "");
  const parsed = parseCuts(text);
  return (
    <div className="ml-5 space-y-0.5">
      <div className="flex items-center gap-1.5">
        <label htmlFor={id} className="text-[11px] text-slate-500">
          Cut at
        </label>
        <input
          id={id}
          type="text"
          inputMode="decimal"
          disabled={readOnly}
          value={text}
          placeholder="automatic"
          aria-label={`Cut points for ${name}`}
          aria-invalid={parsed.ok ? undefined : true}
          className={`w-40 rounded border px-1.5 py-0.5 text-xs ${parsed.ok ? "border-slate-300" : "border-red-400"}`}
          onChange={(e) => {
            setText(e.target.value);
            const next = parseCuts(e.target.value);
            if (next.ok) onChange(next.cuts);
          }}
        />
      </div>
      <p className={`text-[11px] ${parsed.ok ? "text-slate-400" : "text-red-600"}`}>
        {parsed.ok ? automatic : parsed.error}
      </p>
    </div>
  );
}
