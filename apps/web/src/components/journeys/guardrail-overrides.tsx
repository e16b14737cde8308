"use client";

import type { AppRouter } from "@northstar/api";
import { type Guardrails, type GuardrailsOverride, resolveGuardrails } from "@northstar/journey";
import { useMutation } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { buttonClass, Field, type FieldErrors, inputClass } from "~/components/form-fields";
import {
  buildOverride,
  cappedChannels,
  describeCaps,
  describeConsent,
  describeList,
  describeNumber,
  describeQuietHours,
  LIST_FIELDS,
  type ListField,
  NUMBER_FIELDS,
  overrideFieldErrors,
} from "~/lib/guardrails/override-view";
import { useTRPC } from "~/trpc/react";
import { CapsEditor, ConsentEditor, QuietHoursEditor } from "./guardrail-editors";
import { OverrideRow } from "./override-row";

type JourneyGuardrails = inferRouterOutputs<AppRouter>["guardrails"]["journey"];

/** Every message under `field` (the field itself and its nested paths), for a row's summary line. */
function errorsUnder(errors: FieldErrors, field: string): string[] | undefined {
  const out = Object.entries(errors)
    .filter(([key]) => key === field || key.startsWith(`${field}.`))
    .flatMap(([key, messages]) => (messages ?? []).map((m) => (key === field ? m : `${key}: ${m}`)));
  return out.length ? out : undefined;
}

function listTextOf(override: GuardrailsOverride): Partial<Record<ListField, string>> {
  const out: Partial<Record<ListField, string>> = {};
  for (const { key } of LIST_FIELDS) if (override[key]) out[key] = (override[key] ?? []).join("\n");
  return out;
}

/**
 * A journey's guardrails: each global value, what the journey runs under, and which fields the journey overrides.
 * Admins override or clear fields; the server validates and names the field of every error.
 */
export function GuardrailOverrides({ initial, canEdit }: { initial: JourneyGuardrails; canEdit: boolean }) {
  const trpc = useTRPC();
  const { global } = initial;
  const [draft, setDraft] = useState<GuardrailsOverride>(initial.override);
  const [listText, setListText] = useState(listTextOf(initial.override));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const override = buildOverride(draft, listText);
  const effective = resolveGuardrails(global, override);
  const save = useMutation(
    trpc.guardrails.updateJourney.mutationOptions({
      onSuccess: (result) => {
        setErrors({});
        setSaved(true);
        setDraft(result.override);
        setListText(listTextOf(result.override));
      },
      onError: (error) => {
        const fieldErrors = (error.data as { fieldErrors?: FieldErrors } | undefined)?.fieldErrors;
        setErrors(fieldErrors ? overrideFieldErrors(fieldErrors) : { "": [error.message] });
      },
    }),
  );
  const set = <K extends keyof Guardrails>(key: K, value: GuardrailsOverride[K] | undefined) => {
    setSaved(false);
    setDraft((d) => {
      const { [key]: _, ...rest } = d;
      return value === undefined ? rest : { ...rest, [key]: value };
    });
  };
  const setList = (key: ListField, text: string | undefined) => {
    setSaved(false);
    setListText((t) => {
      const { [key]: _, ...rest } = t;
      return text === undefined ? rest : { ...rest, [key]: text };
    });
  };
  const row = (key: keyof Guardrails) => ({
    id: key,
    canEdit,
    overridden: override[key] !== undefined,
    onClear: () => set(key, undefined),
    error: errorsUnder(errors, key),
  });
  const capped = [...cappedChannels(override)];

  return (
    <form
      aria-label="Journey guardrails"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        save.mutate({ journeyId: initial.journeyId, override });
      }}
    >
      <ul className="divide-y divide-slate-100">
        <OverrideRow
          {...row("frequencyCaps")}
          label="Frequency caps"
          global={describeCaps(global.frequencyCaps)}
          effective={`${describeCaps(effective.frequencyCaps)}${capped.length ? ` (journey caps ${capped.join(", ")})` : ""}`}
          onOverride={() =>
            set(
              "frequencyCaps",
              global.frequencyCaps.map((c) => ({ ...c })),
            )
          }
          error={errors.frequencyCaps}
        >
          <CapsEditor caps={draft.frequencyCaps ?? []} errors={errors} onChange={(c) => set("frequencyCaps", c)} />
        </OverrideRow>
        <OverrideRow
          {...row("quietHours")}
          label="Quiet hours"
          global={describeQuietHours(global.quietHours)}
          effective={describeQuietHours(effective.quietHours)}
          onOverride={() => set("quietHours", global.quietHours ? { ...global.quietHours } : null)}
          error={errors.quietHours}
        >
          <QuietHoursEditor value={draft.quietHours ?? null} errors={errors} onChange={(q) => set("quietHours", q)} />
        </OverrideRow>
        <OverrideRow
          {...row("consentRequired")}
          label="Consent"
          global={describeConsent(global.consentRequired)}
          effective={describeConsent(effective.consentRequired)}
          onOverride={() => set("consentRequired", { ...global.consentRequired })}
        >
          <ConsentEditor
            value={draft.consentRequired ?? {}}
            global={global.consentRequired}
            onChange={(v) => set("consentRequired", v)}
          />
        </OverrideRow>
        {NUMBER_FIELDS.map(({ key, label }) => (
          <OverrideRow
            key={key}
            {...row(key)}
            label={label}
            global={describeNumber(key, global[key])}
            effective={describeNumber(key, effective[key])}
            onOverride={() => set(key, global[key])}
          >
            <Field label={`${label} for this journey`} className="max-w-xs">
              <input
                type="number"
                step="any"
                className={inputClass}
                value={Number.isNaN(draft[key]) ? "" : (draft[key] ?? "")}
                onChange={(e) => set(key, e.target.valueAsNumber)}
              />
            </Field>
          </OverrideRow>
        ))}
        {LIST_FIELDS.map(({ key, label }) => (
          <OverrideRow
            key={key}
            {...row(key)}
            label={label}
            global={describeList(global[key])}
            effective={describeList(effective[key])}
            onOverride={() => setList(key, global[key].join("\n"))}
            onClear={() => setList(key, undefined)}
          >
            <Field label={`${label} for this journey (one per line)`}>
              <textarea
                className={inputClass}
                rows={3}
                value={listText[key] ?? ""}
                onChange={(e) => setList(key, e.target.value)}
              />
            </Field>
          </OverrideRow>
        ))}
        <OverrideRow
          {...row("brandVoice")}
          label="Brand voice"
          global={global.brandVoice || "—"}
          effective={effective.brandVoice || "—"}
          onOverride={() => set("brandVoice", global.brandVoice)}
        >
          <Field label="Brand voice for this journey">
            <textarea
              className={inputClass}
              rows={2}
              value={draft.brandVoice ?? ""}
              onChange={(e) => set("brandVoice", e.target.value)}
            />
          </Field>
        </OverrideRow>
      </ul>
      {canEdit ? (
        <div className="flex items-center gap-3 border-t border-slate-100 px-5 py-4">
          <button type="submit" className={buttonClass} disabled={save.isPending}>
            Save overrides
          </button>
          <span className="text-xs text-slate-500">Applies from the journey's next published version.</span>
          {saved ? (
            <span role="status" className="text-sm text-emerald-700">
              Overrides saved
            </span>
          ) : null}
          {Object.keys(errors).length > 0 ? (
            <span role="status" className="text-sm text-red-600">
              {errors[""]?.join("; ") ?? "Fix the highlighted fields"}
            </span>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
