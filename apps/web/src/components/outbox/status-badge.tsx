const TONES: Record<string, string> = {
  PENDING: "bg-amber-50 text-amber-700 ring-amber-200",
  SENDING: "bg-amber-50 text-amber-700 ring-amber-200",
  SENT: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  STORED: "bg-sky-50 text-sky-700 ring-sky-200",
  FAILED: "bg-red-50 text-red-700 ring-red-200",
  QUARANTINED: "bg-red-50 text-red-700 ring-red-200",
  DROPPED: "bg-slate-100 text-slate-600 ring-slate-200",
};

/** A message's delivery state. STORED means kept in the built-in outbox because no provider is configured. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status] ?? TONES.DROPPED}`}
    >
      {status.toLowerCase()}
    </span>
  );
}
