import { DECISION_PHASE_LABELS } from "@northstar/journey";
import type { DecisionExplanation } from "~/lib/decisions/explain-decision";
import { ScoreBar } from "./score-bar";

const percent = (value: number) => `${Math.round(value * 100)}%`;

function Badge({ tone, children, title }: { tone: string; children: React.ReactNode; title?: string }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-[11px] font-semibold ${tone}`} title={title}>
      {children}
    </span>
  );
}

/** Why an agent node chose what it chose: every option with its score or the rule that removed it, and the verdict. */
export function DecisionExplanationCard({ decision }: { decision: DecisionExplanation }) {
  return (
    <div className="mt-2 rounded-lg border border-violet-100 bg-violet-50/40 p-3" data-testid="decision-explanation">
      <div className="flex flex-wrap items-center gap-1.5">
        <Badge
          tone={decision.explore ? "bg-sky-100 text-sky-800" : "bg-violet-100 text-violet-800"}
          title={
            decision.explore
              ? "Chosen to learn how this option performs, not because it scored best"
              : "Chosen because it scored best"
          }
        >
          {decision.explore ? "explore" : "exploit"}
        </Badge>
        <Badge tone="bg-slate-100 text-slate-700" title="The policy that answered">
          policy: {decision.policy}
        </Badge>
        {decision.requestedPolicy !== decision.policy && decision.policy !== "fallback option" ? (
          <Badge tone="bg-amber-100 text-amber-800" title="The policy the node asked for">
            asked for: {decision.requestedPolicy}
          </Badge>
        ) : null}
        <Badge
          tone={decision.phase === "learning" ? "bg-sky-50 text-sky-800" : "bg-slate-100 text-slate-700"}
          title="Where the choice stood against the node's minimum confidence"
        >
          {DECISION_PHASE_LABELS[decision.phase]}
        </Badge>
        <Badge tone="bg-slate-100 text-slate-700">confidence {percent(decision.confidence)}</Badge>
        {decision.reward !== null ? (
          <Badge
            tone={decision.reward > 0 ? "bg-emerald-100 text-emerald-800" : "bg-slate-100 text-slate-700"}
            title="What the objective credited this decision with"
          >
            reward {Math.round(decision.reward * 100) / 100}
          </Badge>
        ) : (
          <Badge tone="bg-slate-50 text-slate-500" title="No objective outcome has been credited yet">
            reward pending
          </Badge>
        )}
      </div>
      {decision.fallbackReason ? (
        <p className="mt-2 text-xs text-amber-800">Fallback: {decision.fallbackReason}</p>
      ) : null}
      <p className="mt-2 text-sm text-slate-700" data-testid="decision-rationale">
        {decision.rationale}
      </p>
      {decision.options.length > 0 ? (
        <table className="mt-2 w-full text-xs" aria-label="Options considered">
          <tbody>
            {decision.options.map((o) => (
              <tr key={o.edgeId} className={o.removedBy ? "text-slate-400" : "text-slate-700"}>
                <td className="w-40 py-1 pr-3 align-top">
                  <span className={o.chosen ? "font-semibold text-slate-900" : o.removedBy ? "line-through" : ""}>
                    {o.label}
                  </span>
                  {o.chosen ? <span className="ml-1 text-violet-700">✓ chosen</span> : null}
                </td>
                <td className="py-1 align-top">
                  {o.removedBy ? (
                    <span>removed: {o.removedBy}</span>
                  ) : (
                    <ScoreBar score={o.score} highlight={o.chosen} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
