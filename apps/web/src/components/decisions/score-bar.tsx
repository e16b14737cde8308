/** A policy's score in [0, 1] as a small bar with its value; "no score" when the policy gave none. */
export function ScoreBar({ score, highlight = true }: { score: number | null; highlight?: boolean }) {
  if (score === null) return <span className="text-slate-400">no score</span>;
  return (
    <div className="flex items-center gap-2">
      <div className="h-2 w-40 rounded-full bg-slate-200" aria-hidden="true">
        <div
          className={`h-2 rounded-full ${highlight ? "bg-violet-500" : "bg-slate-400"}`}
          style={{ width: `${Math.min(100, Math.max(0, score * 100))}%` }}
        />
      </div>
      <span className="tabular-nums">{score.toFixed(2)}</span>
    </div>
  );
}
