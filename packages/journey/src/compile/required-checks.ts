import type { Guardrails } from "../schema/guardrails";
import type { JourneyNode } from "../schema/node";
import type { RuntimeCheck } from "./plan";

/** The runtime checklist of one step, derived from its config and the resolved guardrails. */
export function requiredChecks(node: JourneyNode, hasEligibility: boolean, guardrails: Guardrails): RuntimeCheck[] {
  const checks: RuntimeCheck[] = [];
  switch (node.kind) {
    case "entry":
      if (node.config.holdoutShare > 0 || guardrails.holdoutShare > 0) checks.push("holdout");
      break;
    case "message": {
      const { channel, purpose, content } = node.config;
      if (guardrails.consentRequired[channel]) checks.push("consent");
      if (guardrails.frequencyCaps.some((cap) => cap.channel === channel)) checks.push("frequency_cap");
      if (guardrails.quietHours && channel !== "webhook") checks.push("quiet_hours");
      if (purpose === "marketing") checks.push("holdout");
      checks.push("idempotency_key");
      if (channel === "email" && purpose === "marketing") checks.push("unsubscribe_link");
      checks.push("content_guardrails");
      if (content.mode === "brief") checks.push("llm_budget");
      break;
    }
    case "agent":
      if (hasEligibility) checks.push("eligibility");
      checks.push("min_confidence_review");
      if (node.config.policy !== "learning") checks.push("llm_budget");
      break;
    case "review":
      checks.push("approval_sla");
      break;
  }
  return checks;
}
