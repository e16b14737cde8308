/**
 * How a human's verdict reaches a parked step: the reviewer's action sets the enrollment's `resumedBy` to one of
 * these and re-runs the step (same transition), which then follows the verdict instead of deciding again.
 */
export type ReviewVerdict = { approved: true; edgeId: string | null } | { approved: false };

const PREFIX = "review:";

export function reviewResumption(verdict: ReviewVerdict): string {
  if (!verdict.approved) return `${PREFIX}rejected`;
  return verdict.edgeId ? `${PREFIX}approved:${verdict.edgeId}` : `${PREFIX}approved`;
}

/** The verdict carried by `resumedBy`, or null when the step was not resumed by a review. */
export function reviewVerdictOf(resumedBy: string | null): ReviewVerdict | null {
  if (!resumedBy?.startsWith(PREFIX)) return null;
  const rest = resumedBy.slice(PREFIX.length);
  if (rest === "rejected") return { approved: false };
  if (rest === "approved") return { approved: true, edgeId: null };
  if (rest.startsWith("approved:")) return { approved: true, edgeId: rest.slice("approved:".length) };
  return null;
}
