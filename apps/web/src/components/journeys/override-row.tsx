import type { ReactNode } from "react";
import { secondaryButtonClass } from "~/components/form-fields";

/**
 * One guardrail of a journey: the global value, what the journey runs under, whether the journey overrides it, and
 * (for admins) the editor of the override.
 */
export function OverrideRow({
  id,
  label,
  global,
  effective,
  overridden,
  canEdit,
  onOverride,
  onClear,
  error,
  children,
}: {
  id: string;
  label: string;
  global: string;
  effective: string;
  overridden: boolean;
  canEdit: boolean;
  onOverride: () => void;
  onClear: () => void;
  error?: string[];
  children?: ReactNode;
}) {
  return (
    <li className="px-5 py-4" data-testid={`guardrail-${id}`} data-overridden={overridden}>
      <div className="grid grid-cols-[12rem_minmax(0,1fr)_minmax(0,1fr)_auto] items-start gap-4">
        <p className="text-sm font-medium text-slate-900">
          {label}
          {overridden ? (
            <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-[11px] font-semibold text-amber-800">
              overridden
            </span>
          ) : null}
        </p>
        <p className="text-sm text-slate-500">
          <span className="block text-[11px] uppercase tracking-wide text-slate-400">Global</span>
          {global}
        </p>
        <p className={`text-sm ${overridden ? "font-medium text-slate-900" : "text-slate-600"}`}>
          <span className="block text-[11px] uppercase tracking-wide text-slate-400">This journey</span>
          <span data-testid={`effective-${id}`}>{effective}</span>
        </p>
        {canEdit ? (
          overridden ? (
            <button type="button" className={secondaryButtonClass} onClick={onClear} aria-label={`Use global ${label}`}>
              Use global
            </button>
          ) : (
            <button
              type="button"
              className={secondaryButtonClass}
              onClick={onOverride}
              aria-label={`Override ${label}`}
            >
              Override
            </button>
          )
        ) : (
          <span />
        )}
      </div>
      {canEdit && overridden && children ? <div className="mt-3 rounded-lg bg-slate-50 p-3">{children}</div> : null}
      {error?.length ? (
        <p role="alert" className="mt-2 text-xs text-red-600">
          {error.join("; ")}
        </p>
      ) : null}
    </li>
  );
}
