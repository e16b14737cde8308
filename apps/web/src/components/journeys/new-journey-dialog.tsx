"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { JOURNEY_TEMPLATES } from "~/lib/canvas/templates";
import { useTRPC } from "~/trpc/react";
import type { ObjectiveOption } from "./journey-list";

type Start = "blank" | (typeof JOURNEY_TEMPLATES)[number]["id"];

/**
 * Objective first: the dialog asks what the journey must move before anything else, then a name, then a blank
 * canvas or a starter built around agent decisions.
 */
export function NewJourneyDialog({ objectives, onClose }: { objectives: ObjectiveOption[]; onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [step, setStep] = useState<1 | 2 | 3>(1);
  const [objectiveId, setObjectiveId] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [start, setStart] = useState<Start>("blank");
  const create = useMutation(
    trpc.journey.create.mutationOptions({ onSuccess: (j) => router.push(`/journeys/${j.id}`) }),
  );
  const fieldErrors = (create.error?.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors ?? {};

  const submit = () => {
    if (!objectiveId) return;
    const template = JOURNEY_TEMPLATES.find((t) => t.id === start);
    create.mutate({
      name: name.trim(),
      objectiveId,
      description: description.trim(),
      tags: [],
      definition: template?.build(),
    });
  };

  return (
    <div
      className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4"
      role="dialog"
      aria-modal="true"
      aria-labelledby="new-journey-title"
    >
      <div className="w-full max-w-2xl rounded-2xl bg-white shadow-xl">
        <div className="flex items-center justify-between border-b border-slate-200 px-6 py-4">
          <div>
            <h2 id="new-journey-title" className="text-lg font-semibold">
              New journey
            </h2>
            <p className="text-xs text-slate-500">
              Step {step} of 3 · {step === 1 ? "What must it move?" : step === 2 ? "Name it" : "Start from"}
            </p>
          </div>
          <button
            type="button"
            onClick={onClose}
            className="text-sm text-slate-500 hover:text-slate-800"
            aria-label="Close"
          >
            ✕
          </button>
        </div>
        <div className="max-h-[60vh] overflow-y-auto px-6 py-5">
          {step === 1 ? (
            <fieldset className="grid gap-2 sm:grid-cols-2">
              <legend className="mb-2 text-sm font-medium text-slate-700">
                Choose the objective this journey must move
              </legend>
              {objectives.map((o) => (
                <label
                  key={o.id}
                  className={`cursor-pointer rounded-xl border p-3 transition ${objectiveId === o.id ? "border-brand-500 bg-brand-50 ring-2 ring-brand-100" : "border-slate-200 hover:border-slate-300"}`}
                >
                  <input
                    type="radio"
                    name="objective"
                    value={o.id}
                    checked={objectiveId === o.id}
                    onChange={() => setObjectiveId(o.id)}
                    className="sr-only"
                  />
                  <span className="block text-sm font-semibold text-slate-900">{o.name}</span>
                  {o.description ? <span className="mt-0.5 block text-xs text-slate-500">{o.description}</span> : null}
                </label>
              ))}
              {objectives.length === 0 ? (
                <p className="text-sm text-slate-500">No objectives yet: an admin sets them up first.</p>
              ) : null}
            </fieldset>
          ) : null}
          {step === 2 ? (
            <div className="space-y-3">
              <div>
                <label htmlFor="journey-name" className="block text-sm font-medium text-slate-700">
                  Journey name
                </label>
                <input
                  id="journey-name"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
                  placeholder="Welcome new customers"
                />
                {fieldErrors.name ? <p className="mt-1 text-xs text-red-600">{fieldErrors.name.join("; ")}</p> : null}
              </div>
              <div>
                <label htmlFor="journey-description" className="block text-sm font-medium text-slate-700">
                  Description (optional)
                </label>
                <textarea
                  id="journey-description"
                  rows={2}
                  value={description}
                  onChange={(e) => setDescription(e.target.value)}
                  className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
                />
              </div>
            </div>
          ) : null}
          {step === 3 ? (
            <fieldset className="grid gap-2 sm:grid-cols-2">
              <legend className="mb-2 text-sm font-medium text-slate-700">
                Start from a blank canvas or a starter
              </legend>
              {[
                { id: "blank" as const, name: "Blank canvas", summary: "Draw it yourself from the palette." },
                ...JOURNEY_TEMPLATES,
              ].map((t) => (
                <label
                  key={t.id}
                  className={`cursor-pointer rounded-xl border p-3 transition ${start === t.id ? "border-brand-500 bg-brand-50 ring-2 ring-brand-100" : "border-slate-200 hover:border-slate-300"}`}
                >
                  <input
                    type="radio"
                    name="start"
                    value={t.id}
                    checked={start === t.id}
                    onChange={() => setStart(t.id)}
                    className="sr-only"
                  />
                  <span className="block text-sm font-semibold text-slate-900">{t.name}</span>
                  <span className="mt-0.5 block text-xs text-slate-500">{t.summary}</span>
                </label>
              ))}
            </fieldset>
          ) : null}
          {create.error && !fieldErrors.name ? (
            <p className="mt-3 text-sm text-red-600" role="alert">
              {create.error.message}
            </p>
          ) : null}
        </div>
        <div className="flex justify-between border-t border-slate-200 px-6 py-4">
          <button
            type="button"
            onClick={() => (step === 1 ? onClose() : setStep((step - 1) as 1 | 2))}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          >
            {step === 1 ? "Cancel" : "Back"}
          </button>
          {step < 3 ? (
            <button
              type="button"
              disabled={step === 1 ? !objectiveId : name.trim() === ""}
              onClick={() => setStep((step + 1) as 2 | 3)}
              className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white disabled:opacity-50"
            >
              Continue
            </button>
          ) : (
            <button
              type="button"
              disabled={create.isPending}
              onClick={submit}
              className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white disabled:opacity-50"
            >
              {create.isPending ? "Creating…" : "Create journey"}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
