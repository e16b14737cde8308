import type { OptionStats } from "../bandit/state";
import type { DecisionCandidate, DecisionInput } from "../policy/types";

/** What the model must answer. `choice` is an edge id; the schema's enum lists the eligible ones. */
export function decisionJsonSchema(edgeIds: readonly string[]) {
  return {
    type: "object",
    additionalProperties: false,
    required: ["choice", "confidence", "rationale"],
    properties: {
      choice: { type: "string", enum: [...edgeIds], description: "The id of the chosen option." },
      confidence: { type: "number", minimum: 0, maximum: 1, description: "Probability this option is the best." },
      rationale: { type: "string", description: "One or two sentences a marketer can read." },
    },
  };
}

const MAX_FEATURES = 40;

export function decisionPrompt(input: DecisionInput, eligible: readonly DecisionCandidate[], stats: OptionStats[]) {
  const system =
    "You choose, for one customer, the option of a marketing journey that best serves the business objective, " +
    "within the guardrails. Use the learned statistics as evidence; prefer options with evidence unless the customer's " +
    "profile clearly suggests otherwise. Answer only with the JSON object requested.";
  const metric = input.objective.metric;
  const objective = [
    `Objective: ${input.objective.name}${input.objective.description ? ` (${input.objective.description})` : ""}`,
    metric
      ? `Measured by: ${metric.aggregation} of "${metric.event}"${metric.property ? ` (${metric.property})` : ""} within ${metric.windowDays} days, ${metric.direction}`
      : "",
  ].filter(Boolean);
  // A node told which traits to learn from decides on those alone, whichever policy answers.
  const learnsFrom = input.node.context?.traits;
  const customer = Object.entries(input.customer.features)
    .filter(([name]) => !learnsFrom || learnsFrom.includes(name))
    .slice(0, MAX_FEATURES)
    .map(([name, value]) => `- ${name}: ${JSON.stringify(value)}`);
  const options = eligible.map((c) => {
    const s = stats.find((x) => x.edgeId === c.edgeId);
    const learned =
      s && s.decisions > 0
        ? `${s.decisions} past decisions, mean reward ${(s.meanReward ?? 0).toFixed(3)}`
        : "no outcomes yet";
    return `- id "${c.edgeId}": ${c.label}. ${c.description} [learned: ${learned}]`;
  });
  const g = input.guardrails;
  const guardrails = g
    ? [
        `Maximum discount: ${g.maxDiscountPercent}%`,
        g.brandVoice ? `Brand voice: ${g.brandVoice}` : "",
        g.bannedPhrases.length > 0 ? `Never use: ${g.bannedPhrases.join("; ")}` : "",
        g.claimsNeedingReview.length > 0
          ? `Claims a person must review before they are sent (avoid them): ${g.claimsNeedingReview.join("; ")}`
          : "",
      ].filter(Boolean)
    : [];
  const history = (input.history ?? []).map((h) => `- ${h.nodeId}: chose ${h.edgeId}`);
  const user = [
    ...objective,
    "",
    "Customer:",
    ...(customer.length > 0 ? customer : ["- (no known traits)"]),
    ...(history.length > 0 ? ["", "Earlier decisions in this journey:", ...history] : []),
    "",
    "Options:",
    ...options,
    ...(guardrails.length > 0 ? ["", "Guardrails:", ...guardrails.map((line) => `- ${line}`)] : []),
  ].join("\n");
  return { system, user };
}
