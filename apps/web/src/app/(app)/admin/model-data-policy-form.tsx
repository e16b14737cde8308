"use client";

import type { AppRouter } from "@northstar/api";
import type { inferRouterOutputs } from "@trpc/server";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { buttonClass, Field, type FieldErrors, inputClass } from "~/components/form-fields";
import { useTRPC } from "~/trpc/react";

type ModelDataPolicy = inferRouterOutputs<AppRouter>["guardrails"]["modelDataPolicy"];

const MODES: { value: ModelDataPolicy["traits"]; label: string; hint: string }[] = [
  {
    value: "all_except_personal",
    label: "Every trait except personal data",
    hint: "Names, emails, phone numbers, addresses, birthdays and identifiers are recognised by name and by value and left out.",
  },
  { value: "allow_list", label: "Only the traits listed", hint: "Nothing else about a customer reaches a model." },
  { value: "none", label: "No customer traits", hint: "Models write from the brief and the objective alone." },
];

/** What language models may see of a customer when they decide or write a message; admins only, audited. */
export function ModelDataPolicyForm({ initial }: { initial: ModelDataPolicy }) {
  const trpc = useTRPC();
  const [policy, setPolicy] = useState(initial);
  const [allow, setAllow] = useState(initial.allow.join("\n"));
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation(
    trpc.guardrails.updateModelDataPolicy.mutationOptions({
      onSuccess: (saved) => {
        setErrors({});
        setPolicy(saved);
        setAllow(saved.allow.join("\n"));
      },
      onError: (error) =>
        setErrors((error.data as { fieldErrors?: FieldErrors } | undefined)?.fieldErrors ?? { "": [error.message] }),
    }),
  );
  const allowed = allow
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

  return (
    <form
      className="space-y-3 p-5"
      aria-label="What models may see"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ ...policy, allow: policy.traits === "allow_list" ? allowed : [] });
      }}
    >
      <fieldset className="space-y-1.5">
        <legend className="mb-1 text-xs font-medium text-slate-600">Customer traits in prompts</legend>
        {MODES.map((mode) => (
          <label key={mode.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="model-traits"
              className="mt-1"
              checked={policy.traits === mode.value}
              onChange={() => setPolicy({ ...policy, traits: mode.value })}
            />
            <span>
              {mode.label}
              <span className="block text-xs text-slate-500">{mode.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {policy.traits === "allow_list" ? (
        <Field label="Traits models may see (one per line)" error={errors.allow}>
          <textarea className={inputClass} rows={3} value={allow} onChange={(e) => setAllow(e.target.value)} />
        </Field>
      ) : null}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={policy.firstName}
          onChange={(e) => setPolicy({ ...policy, firstName: e.target.checked })}
        />
        Let models use the customer's first name
        <span className="text-xs text-slate-500">(otherwise it is filled in after the model has written)</span>
      </label>
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClass} disabled={save.isPending}>
          Save data policy
        </button>
        {save.isSuccess && !save.isPending ? (
          <span role="status" className="text-sm text-emerald-700">
            Data policy saved
          </span>
        ) : null}
        {errors[""] ? (
          <span role="alert" className="text-sm text-red-600">
            {errors[""].join("; ")}
          </span>
        ) : null}
      </div>
    </form>
  );
}
