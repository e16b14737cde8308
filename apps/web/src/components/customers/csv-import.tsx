"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { parseCsv } from "~/lib/parse-csv";
import { useTRPC } from "~/trpc/react";

const CHUNK = 200;

interface Rejection {
  line: number;
  field: string;
  reason: string;
}

type Progress =
  | { state: "idle" }
  | { state: "running"; done: number; total: number }
  | { state: "finished"; imported: number; total: number; rejected: Rejection[] }
  | { state: "failed"; message: string; imported: number };

/**
 * Imports a customer CSV (first row: column names, a userId column required; email, phone, timezone,
 * consent_email/sms/push and any other column as a trait) in chunks, with progress and the rejected rows by line.
 */
export function CsvImport() {
  const trpc = useTRPC();
  const router = useRouter();
  const importChunk = useMutation(trpc.customers.import.mutationOptions());
  const [progress, setProgress] = useState<Progress>({ state: "idle" });

  async function run(file: File) {
    const rows = parseCsv(await file.text());
    const [header, ...data] = rows;
    if (!header || data.length === 0) {
      setProgress({ state: "failed", message: "The file has no rows below its header.", imported: 0 });
      return;
    }
    const rejected: Rejection[] = [];
    let imported = 0;
    setProgress({ state: "running", done: 0, total: data.length });
    for (let start = 0; start < data.length; start += CHUNK) {
      const chunk = data.slice(start, start + CHUNK);
      try {
        // Lines are numbered by row position for the server; mapped back to file lines (quoted line breaks).
        const result = await importChunk.mutateAsync({
          columns: header.cells,
          rows: chunk.map((r) => r.cells),
          firstLine: 2,
        });
        imported += result.imported;
        for (const r of result.rejected) rejected.push({ ...r, line: chunk[r.line - 2]?.line ?? r.line });
      } catch (error) {
        setProgress({ state: "failed", message: (error as Error).message, imported });
        return;
      }
      setProgress({ state: "running", done: Math.min(start + CHUNK, data.length), total: data.length });
    }
    setProgress({ state: "finished", imported, total: data.length, rejected });
    router.refresh();
  }

  const running = progress.state === "running";
  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-label="Import customers">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 px-5 py-3">
        <div>
          <h2 className="text-sm font-semibold">Import from CSV</h2>
          <p className="text-xs text-slate-500">
            Columns: <code>userId</code> (required), <code>email</code>, <code>phone</code>, <code>timezone</code>,{" "}
            <code>consent_email</code>/<code>consent_sms</code>/<code>consent_push</code> (yes/no), any other column
            becomes a trait. Existing customers are updated.
          </p>
        </div>
        <label className="cursor-pointer rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
          {running ? "Importing…" : "Choose CSV file"}
          <input
            type="file"
            accept=".csv,text/csv"
            className="sr-only"
            disabled={running}
            aria-label="CSV file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (file) void run(file);
            }}
          />
        </label>
      </div>
      {progress.state === "running" ? (
        <div className="px-5 py-3">
          <progress className="h-2 w-full" value={progress.done} max={progress.total} aria-label="Import progress" />
          <p className="mt-1 text-xs text-slate-500">
            {progress.done} of {progress.total} rows
          </p>
        </div>
      ) : null}
      {progress.state === "failed" ? (
        <p className="px-5 py-3 text-sm text-red-600" role="alert">
          Import stopped: {progress.message} ({progress.imported} imported before that)
        </p>
      ) : null}
      {progress.state === "finished" ? (
        <div className="px-5 py-3" role="status">
          <p className="text-sm">
            Imported {progress.imported} of {progress.total} rows
            {progress.rejected.length ? `; ${progress.rejected.length} rejected:` : "."}
          </p>
          {progress.rejected.length ? (
            <table className="mt-2 w-full text-xs" aria-label="Rejected rows">
              <thead className="text-left text-slate-400">
                <tr>
                  <th className="py-1 pr-3 font-medium">Line</th>
                  <th className="py-1 pr-3 font-medium">Column</th>
                  <th className="py-1 font-medium">Problem</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {progress.rejected.map((r) => (
                  <tr key={`${r.line}-${r.field}`}>
                    <td className="py-1 pr-3 font-mono">{r.line}</td>
                    <td className="py-1 pr-3">{r.field}</td>
                    <td className="py-1 text-red-700">{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
