"use client";

import { useEffect, useState } from "react";

/**
 * The raw config as JSON, for fields the form does not cover (entry filters, option eligibility, template
 * variables). Applied on blur when it parses; the schema then validates it like any other edit.
 */
export function JsonConfig({
  value,
  readOnly,
  onApply,
  label = "Advanced (JSON)",
}: {
  value: unknown;
  readOnly: boolean;
  onApply: (value: unknown) => void;
  label?: string;
}) {
  const pretty = JSON.stringify(value ?? {}, null, 2);
  const [text, setText] = useState(pretty);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(pretty), [pretty]);
  return (
    <details className="rounded-md border border-slate-200">
      <summary className="cursor-pointer px-2.5 py-1.5 text-xs font-medium text-slate-600">{label}</summary>
      <div className="border-t border-slate-200 p-2">
        <textarea
          className="h-48 w-full rounded border border-slate-200 p-2 font-mono text-[11px]"
          value={text}
          disabled={readOnly}
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => {
            if (text === pretty) return;
            try {
              onApply(JSON.parse(text));
              setError(null);
            } catch (e) {
              setError(e instanceof Error ? e.message : "not valid JSON");
            }
          }}
        />
        {error ? <p className="text-xs text-red-600">{error}</p> : null}
      </div>
    </details>
  );
}
