"use client";

import { useId } from "react";
import { type FieldErrors, getPath } from "~/lib/canvas/field-errors";

/** A form over one value (a node config, an edge option) with the server schema's errors keyed by path. */
export interface FormBinding {
  value: unknown;
  errors: FieldErrors;
  set: (path: string, value: unknown) => void;
  readOnly: boolean;
}

const input =
  "mt-1 block w-full rounded-md border px-2.5 py-1.5 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 disabled:bg-slate-50 disabled:text-slate-500";

function FieldFrame({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: React.ReactNode;
}) {
  return (
    <div className="space-y-0.5">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
      {errors?.length ? (
        <p className="text-xs text-red-600" role="alert" id={`${id}-error`}>
          {errors.join("; ")}
        </p>
      ) : hint ? (
        <p className="text-[11px] text-slate-400">{hint}</p>
      ) : null}
    </div>
  );
}

export function TextField({
  form,
  path,
  label,
  hint,
  multiline,
  placeholder,
}: {
  form: FormBinding;
  path: string;
  label: string;
  hint?: string;
  multiline?: boolean;
  placeholder?: string;
}) {
  const id = useId();
  const errors = form.errors[path];
  const value = getPath(form.value, path);
  const props = {
    id,
    value: typeof value === "string" ? value : "",
    disabled: form.readOnly,
    placeholder,
    "aria-invalid": errors ? true : undefined,
    "aria-describedby": errors ? `${id}-error` : undefined,
    className: `${input} ${errors ? "border-red-400" : "border-slate-300"}`,
  };
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      {multiline ? (
        <textarea {...props} rows={3} onChange={(e) => form.set(path, e.target.value)} />
      ) : (
        <input {...props} type="text" onChange={(e) => form.set(path, e.target.value)} />
      )}
    </FieldFrame>
  );
}

/** Numbers are stored as numbers; an emptied field stores undefined so the schema says "required". */
export function NumberField({
  form,
  path,
  label,
  hint,
  step = 1,
  scale = 1,
}: {
  form: FormBinding;
  path: string;
  label: string;
  hint?: string;
  step?: number;
  scale?: number;
}) {
  const id = useId();
  const errors = form.errors[path];
  const value = getPath(form.value, path);
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      <input
        id={id}
        type="number"
        step={step}
        disabled={form.readOnly}
        value={typeof value === "number" ? Number((value / scale).toFixed(4)) : ""}
        aria-invalid={errors ? true : undefined}
        className={`${input} ${errors ? "border-red-400" : "border-slate-300"}`}
        onChange={(e) => form.set(path, e.target.value === "" ? undefined : Number(e.target.value) * scale)}
      />
    </FieldFrame>
  );
}

export function SelectField({
  form,
  path,
  label,
  options,
  hint,
}: {
  form: FormBinding;
  path: string;
  label: string;
  options: readonly (string | { value: string; label: string })[];
  hint?: string;
}) {
  const id = useId();
  const errors = form.errors[path];
  const value = getPath(form.value, path);
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      <select
        id={id}
        disabled={form.readOnly}
        value={typeof value === "string" ? value : ""}
        className={`${input} ${errors ? "border-red-400" : "border-slate-300"} bg-white`}
        onChange={(e) => form.set(path, e.target.value === "" ? undefined : e.target.value)}
      >
        {typeof value !== "string" ? <option value="">Choose…</option> : null}
        {options.map((o) => {
          const opt = typeof o === "string" ? { value: o, label: o.replaceAll("_", " ") } : o;
          return (
            <option key={opt.value} value={opt.value}>
              {opt.label}
            </option>
          );
        })}
      </select>
    </FieldFrame>
  );
}

/** Errors for paths no field shows (whole-object problems, unknown keys), so nothing the server refuses is hidden. */
export function OtherErrors({ errors, shown }: { errors: FieldErrors; shown: string[] }) {
  const rest = Object.entries(errors).filter(([path]) => !shown.includes(path));
  if (rest.length === 0) return null;
  return (
    <ul className="space-y-0.5 rounded-md bg-red-50 p-2 text-xs text-red-700" role="alert">
      {rest.map(([path, messages]) => (
        <li key={path}>
          <span className="font-mono">{path || "config"}</span>: {messages.join("; ")}
        </li>
      ))}
    </ul>
  );
}
