"use client";

import type { ReactNode } from "react";

/** Field errors keyed by dotted path, as the API's formatter and zod's issues both give them. */
export type FieldErrors = Record<string, string[] | undefined>;

export function errorsFromIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: Record<string, string[]> = {};
  for (const issue of issues) (out[issue.path.map(String).join(".")] ??= []).push(issue.message);
  return out;
}

export function Field({
  label,
  error,
  children,
  hint,
  className = "",
}: {
  label: string;
  error?: string[];
  children: ReactNode;
  hint?: string;
  className?: string;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child
    <label className={`block text-sm ${className}`}>
      <span className="mb-1 block text-xs font-medium text-slate-600">{label}</span>
      {children}
      {hint ? <span className="mt-1 block text-xs text-slate-500">{hint}</span> : null}
      {error?.length ? (
        <span role="alert" className="mt-1 block text-xs text-red-600">
          {error.join("; ")}
        </span>
      ) : null}
    </label>
  );
}

export const inputClass =
  "w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none";
export const buttonClass =
  "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:opacity-50";
export const secondaryButtonClass =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";
