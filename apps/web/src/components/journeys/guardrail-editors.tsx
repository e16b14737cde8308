"use client";

import { CHANNELS, type Channel, type Guardrails } from "@northstar/journey";
import { Field, type FieldErrors, inputClass, secondaryButtonClass } from "~/components/form-fields";

type Caps = Guardrails["frequencyCaps"];

/**
 * Frequency cap rows: the workspace's global caps (admin form) or a journey's own caps (override), which differ only
 * in wording and test ids.
 */
export function CapsEditor({
  caps,
  errors,
  onChange,
  scope = "journey",
}: {
  caps: Caps;
  errors: FieldErrors;
  onChange: (c: Caps) => void;
  scope?: "global" | "journey";
}) {
  const journey = scope === "journey";
  const setCap = (i: number, patch: Partial<Caps[number]>) =>
    onChange(caps.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <div className="grid gap-2">
      {journey ? (
        <p className="text-xs text-slate-500">
          A channel listed here is capped only by these rows; other channels keep the global caps.
        </p>
      ) : null}
      {caps.map((cap, i) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
          key={i}
          className="grid grid-cols-[1fr_1fr_1fr_auto] items-end gap-2"
          data-testid={journey ? `override-cap-${i}` : `cap-${i}`}
        >
          <Field label="Channel" error={errors[`frequencyCaps.${i}.channel`]}>
            <select
              className={inputClass}
              value={cap.channel}
              onChange={(e) => setCap(i, { channel: e.target.value as Channel })}
            >
              {CHANNELS.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </Field>
          <Field label="At most (sends)" error={errors[`frequencyCaps.${i}.max`]}>
            <input
              className={inputClass}
              type="number"
              value={Number.isNaN(cap.max) ? "" : cap.max}
              onChange={(e) => setCap(i, { max: e.target.valueAsNumber })}
            />
          </Field>
          <Field label="Per window (hours)" error={errors[`frequencyCaps.${i}.windowHours`]}>
            <input
              className={inputClass}
              type="number"
              value={Number.isNaN(cap.windowHours) ? "" : cap.windowHours}
              onChange={(e) => setCap(i, { windowHours: e.target.valueAsNumber })}
            />
          </Field>
          <button
            type="button"
            className={secondaryButtonClass}
            aria-label={`Remove ${journey ? "journey " : ""}cap ${i + 1}`}
            onClick={() => onChange(caps.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      <div>
        <button
          type="button"
          className={secondaryButtonClass}
          onClick={() => onChange([...caps, { channel: "email", max: 1, windowHours: 24 }])}
        >
          Add cap
        </button>
      </div>
    </div>
  );
}

export function QuietHoursEditor({
  value,
  errors,
  onChange,
}: {
  value: Guardrails["quietHours"];
  errors: FieldErrors;
  onChange: (q: Guardrails["quietHours"]) => void;
}) {
  return (
    <div className="grid grid-cols-3 items-end gap-2">
      <label className="col-span-3 flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={value !== null}
          onChange={(e) => onChange(e.target.checked ? { start: "21:00", end: "08:00", behaviour: "delay" } : null)}
        />
        Hold this journey's marketing sends during quiet hours
      </label>
      {value ? (
        <>
          <Field label="From" error={errors["quietHours.start"]}>
            <input
              className={inputClass}
              value={value.start}
              onChange={(e) => onChange({ ...value, start: e.target.value })}
            />
          </Field>
          <Field label="Until" error={errors["quietHours.end"]}>
            <input
              className={inputClass}
              value={value.end}
              onChange={(e) => onChange({ ...value, end: e.target.value })}
            />
          </Field>
          <Field label="Then" error={errors["quietHours.behaviour"]}>
            <select
              className={inputClass}
              value={value.behaviour}
              onChange={(e) => onChange({ ...value, behaviour: e.target.value as "delay" | "skip" })}
            >
              <option value="delay">send later</option>
              <option value="skip">skip</option>
            </select>
          </Field>
        </>
      ) : null}
    </div>
  );
}

/** Consent per channel: a channel left on "global" inherits the workspace setting. */
export function ConsentEditor({
  value,
  global,
  onChange,
}: {
  value: Partial<Record<Channel, boolean>>;
  global: Guardrails["consentRequired"];
  onChange: (v: Partial<Record<Channel, boolean>>) => void;
}) {
  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      {CHANNELS.map((c) => (
        <Field key={c} label={c}>
          <select
            className={inputClass}
            value={value[c] === undefined ? "global" : value[c] ? "required" : "not-required"}
            onChange={(e) => {
              const { [c]: _, ...rest } = value;
              onChange(e.target.value === "global" ? rest : { ...rest, [c]: e.target.value === "required" });
            }}
          >
            <option value="global">global ({global[c] ? "required" : "not required"})</option>
            <option value="required">required</option>
            <option value="not-required">not required</option>
          </select>
        </Field>
      ))}
    </div>
  );
}
