"use client";

import { CHANNELS, type Guardrails, guardrailsSchema, minConfidenceHelp } from "@northstar/journey";
import { useMutation } from "@tanstack/react-query";
import { CapsEditor } from "~/components/journeys/guardrail-editors";
import { GuardrailImpactPreview } from "~/components/simulation/guardrail-impact-preview";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { buttonClass, errorsFromIssues, Field, type FieldErrors, inputClass } from "~/components/form-fields";

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** The global guardrails, validated in the browser by the same zod schema the server applies. */
export function GuardrailsForm({ initial }: { initial: Guardrails }) {
  const trpc = useTRPC();
  const [g, setG] = useState(initial);
  const [banned, setBanned] = useState(initial.bannedPhrases.join("\n"));
  const [claims, setClaims] = useState(initial.claimsNeedingReview.join("\n"));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.guardrails.updateGlobal.mutationOptions({
      onSuccess: () => setSaved(true),
      onError: (error) => setErrors((error.data as { fieldErrors?: FieldErrors } | undefined)?.fieldErrors ?? {}),
    }),
  );
  const num = (key: "maxDiscountPercent" | "minConfidence" | "dailyLlmBudgetUsd" | "holdoutShare") => ({
    type: "number" as const,
    step: "any",
    className: inputClass,
    value: Number.isNaN(g[key]) ? "" : g[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setG({ ...g, [key]: e.target.valueAsNumber }),
  });

  const proposal = (): Guardrails | null => {
    const parsed = guardrailsSchema.safeParse({
      ...g,
      bannedPhrases: lines(banned),
      claimsNeedingReview: lines(claims),
    });
    if (!parsed.success) {
      setErrors(errorsFromIssues(parsed.error.issues));
      return null;
    }
    setErrors({});
    return parsed.data;
  };

  const submit = () => {
    setSaved(false);
    const proposed = proposal();
    if (proposed) save.mutate(proposed);
  };

  return (
    <form
      aria-label="Guardrails"
      className="grid gap-4 p-5"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <fieldset className="grid gap-2">
        <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          Frequency caps (across all journeys)
        </legend>
        <CapsEditor
          scope="global"
          caps={g.frequencyCaps}
          errors={errors}
          onChange={(frequencyCaps) => setG({ ...g, frequencyCaps })}
        />
      </fieldset>

      <fieldset className="grid grid-cols-3 items-end gap-2">
        <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          Quiet hours (customer's time zone)
        </legend>
        <label className="col-span-3 flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={g.quietHours !== null}
            onChange={(e) =>
              setG({ ...g, quietHours: e.target.checked ? { start: "21:00", end: "08:00", behaviour: "delay" } : null })
            }
          />
          Hold marketing sends during quiet hours
        </label>
        {g.quietHours ? (
          <>
            <Field label="From" error={errors["quietHours.start"]}>
              <input
                className={inputClass}
                value={g.quietHours.start}
                onChange={(e) => g.quietHours && setG({ ...g, quietHours: { ...g.quietHours, start: e.target.value } })}
              />
            </Field>
            <Field label="Until" error={errors["quietHours.end"]}>
              <input
                className={inputClass}
                value={g.quietHours.end}
                onChange={(e) => g.quietHours && setG({ ...g, quietHours: { ...g.quietHours, end: e.target.value } })}
              />
            </Field>
            <Field label="Then" error={errors["quietHours.behaviour"]}>
              <select
                className={inputClass}
                value={g.quietHours.behaviour}
                onChange={(e) =>
                  g.quietHours &&
                  setG({ ...g, quietHours: { ...g.quietHours, behaviour: e.target.value as "delay" | "skip" } })
                }
              >
                <option value="delay">send later</option>
                <option value="skip">skip</option>
              </select>
            </Field>
          </>
        ) : null}
      </fieldset>

      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Consent required</legend>
        {CHANNELS.map((c) => (
          <label key={c} className="flex items-center gap-1.5">
            <input
              type="checkbox"
              checked={g.consentRequired[c]}
              onChange={(e) => setG({ ...g, consentRequired: { ...g.consentRequired, [c]: e.target.checked } })}
            />
            {c}
          </label>
        ))}
      </fieldset>

      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Field label="Maximum discount (%)" error={errors.maxDiscountPercent}>
          <input {...num("maxDiscountPercent")} />
        </Field>
        <Field
          label="Minimum agent confidence"
          error={errors.minConfidence}
          hint={`A floor under every agent node's own minimum. ${minConfidenceHelp(Number(g.minConfidence) || 0, "either")}`}
          className="col-span-2 sm:col-span-4"
        >
          <input {...num("minConfidence")} />
        </Field>
        <Field label="Daily LLM budget (USD)" error={errors.dailyLlmBudgetUsd}>
          <input {...num("dailyLlmBudgetUsd")} />
        </Field>
        <Field label="Holdout share" error={errors.holdoutShare}>
          <input {...num("holdoutShare")} />
        </Field>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Banned phrases (one per line)" error={errors.bannedPhrases}>
          <textarea className={inputClass} rows={3} value={banned} onChange={(e) => setBanned(e.target.value)} />
        </Field>
        <Field label="Claims needing review (one per line)" error={errors.claimsNeedingReview}>
          <textarea className={inputClass} rows={3} value={claims} onChange={(e) => setClaims(e.target.value)} />
        </Field>
      </div>
      <Field label="Brand voice" error={errors.brandVoice}>
        <textarea
          className={inputClass}
          rows={2}
          value={g.brandVoice}
          onChange={(e) => setG({ ...g, brandVoice: e.target.value })}
        />
      </Field>
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClass} disabled={save.isPending}>
          Save guardrails
        </button>
        {saved ? (
          <span role="status" className="text-sm text-emerald-700">
            Guardrails saved
          </span>
        ) : null}
        {Object.keys(errors).length > 0 ? (
          <span role="status" className="text-sm text-red-600">
            Fix the highlighted fields
          </span>
        ) : null}
      </div>
      <GuardrailImpactPreview propose={proposal} />
    </form>
  );
}
