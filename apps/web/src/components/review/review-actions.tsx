"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass, Field, type FieldErrors, inputClass, secondaryButtonClass } from "~/components/form-fields";
import { useTRPC } from "~/trpc/react";
import type { ReviewItem } from "./review-item-card";

type Mode = "idle" | "edit" | "reject";

/** Approve as proposed, change the option or edit the message then approve, or reject with a note. */
export function ReviewActions({ item }: { item: ReviewItem }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("idle");
  const [option, setOption] = useState(item.proposedOption?.edgeId ?? "");
  const [subject, setSubject] = useState(item.deliverable?.subject ?? "");
  const [body, setBody] = useState(item.deliverable?.body ?? "");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const done = {
    onSuccess: async () => {
      setErrors({});
      await queryClient.invalidateQueries({ queryKey: trpc.review.list.queryKey() });
      router.refresh();
    },
    onError: (error: { message: string; data?: unknown }) => {
      const fieldErrors = (error.data as { fieldErrors?: FieldErrors } | null | undefined)?.fieldErrors;
      setErrors(fieldErrors && Object.keys(fieldErrors).length > 0 ? fieldErrors : { "": [error.message] });
    },
  };
  const approve = useMutation(trpc.review.approve.mutationOptions(done));
  const reject = useMutation(trpc.review.reject.mutationOptions(done));
  const busy = approve.isPending || reject.isPending;
  const label = item.kind === "decision" ? "decision" : "message";

  // A message approved with a claim that needs review carries the reviewer's reason into the audit trail.
  const withNote = note.trim() ? { note } : {};
  const approveEdited = () => {
    if (item.kind === "decision") return approve.mutate({ id: item.id, optionEdgeId: option });
    const edit = {
      ...(subject !== (item.deliverable?.subject ?? "") ? { subject } : {}),
      ...(body !== item.deliverable?.body ? { body } : {}),
    };
    approve.mutate({ id: item.id, edit, ...withNote });
  };
  // Outside the editor, field errors about the message (a guardrail it breaks as written) are shown here too.
  const formError =
    mode === "edit"
      ? [...(errors[""] ?? []), ...(errors.edit ?? []), ...(errors.id ?? [])]
      : Object.entries(errors).flatMap(([path, messages]) => (path === "note" ? [] : messages));

  return (
    <div className="mt-3 space-y-3" data-testid="review-actions">
      {mode === "edit" && item.kind === "decision" ? (
        <fieldset className="space-y-1.5">
          <legend className="mb-1 text-xs font-semibold text-slate-600">Take this option instead</legend>
          {item.candidates.map((c) => (
            <label key={c.edgeId} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name={`option-${item.id}`}
                value={c.edgeId}
                checked={option === c.edgeId}
                onChange={() => setOption(c.edgeId)}
              />
              {c.label}
              {c.edgeId === item.proposedOption?.edgeId ? (
                <span className="text-xs text-slate-400">(proposed)</span>
              ) : null}
            </label>
          ))}
          {errors.optionEdgeId ? (
            <p role="alert" className="text-xs text-red-600">
              {errors.optionEdgeId.join("; ")}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      {mode === "edit" && item.kind === "deliverable" ? (
        <div className="grid gap-2">
          {item.deliverable?.subject !== null ? (
            <Field label="Subject" error={errors["edit.subject"]}>
              <input className={inputClass} value={subject} onChange={(e) => setSubject(e.target.value)} />
            </Field>
          ) : null}
          <Field label="Body" error={errors["edit.body"]}>
            <textarea
              className={`${inputClass} font-mono text-xs`}
              rows={8}
              value={body}
              onChange={(e) => setBody(e.target.value)}
            />
          </Field>
        </div>
      ) : null}
      {mode === "reject" || item.kind === "deliverable" ? (
        <Field
          label={
            mode === "reject"
              ? "Why reject (optional; kept in the audit log)"
              : "Note (kept in the audit log; needed to approve a claim that needs review)"
          }
          error={errors.note}
        >
          <textarea className={inputClass} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
      ) : null}

      <div className="flex flex-wrap items-center gap-2">
        {mode === "idle" ? (
          <>
            <button
              type="button"
              className={buttonClass}
              disabled={busy}
              onClick={() => approve.mutate({ id: item.id, ...withNote })}
            >
              Approve
            </button>
            {item.kind === "decision" || item.kind === "deliverable" ? (
              <button type="button" className={secondaryButtonClass} onClick={() => setMode("edit")}>
                {item.kind === "decision" ? "Choose another option" : "Edit then approve"}
              </button>
            ) : null}
            <button type="button" className={secondaryButtonClass} onClick={() => setMode("reject")}>
              Reject…
            </button>
          </>
        ) : mode === "edit" ? (
          <>
            <button type="button" className={buttonClass} disabled={busy} onClick={approveEdited}>
              Approve {item.kind === "decision" ? "this option" : "edited message"}
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => setMode("idle")}>
              Cancel
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-red-500 disabled:opacity-50"
              disabled={busy}
              onClick={() => reject.mutate({ id: item.id, ...(note.trim() ? { note } : {}) })}
            >
              Reject {label}
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => setMode("idle")}>
              Cancel
            </button>
          </>
        )}
        {formError.length > 0 ? (
          <span role="alert" className="text-sm text-red-600">
            {formError.join("; ")}
          </span>
        ) : null}
      </div>
    </div>
  );
}
