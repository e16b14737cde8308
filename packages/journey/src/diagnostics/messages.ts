import type { GraphNode, JourneyGraph } from "../graph/journey-graph";
import type { Guardrails } from "../schema/guardrails";
import { type MessageConfig, UNSUBSCRIBE_ELEMENT, UNSUBSCRIBE_PLACEHOLDER } from "../schema/message";
import { describeNode } from "./describe";
import { type Diagnostic, diagnostic } from "./diagnostic";

/**
 * A brief satisfies the unsubscribe rule by requiring the "unsubscribe_link" element (the renderer must then
 * include it); a template by rendering {{unsubscribe_url}} or {{unsubscribe_link}} in its body.
 */
export function hasUnsubscribe(config: MessageConfig): boolean {
  if (config.content.mode === "brief") return config.content.requiredElements.includes(UNSUBSCRIBE_ELEMENT);
  return UNSUBSCRIBE_PLACEHOLDER.test(config.content.body);
}

/** MISSING_UNSUBSCRIBE, OFFER_EXCEEDS_MAX_DISCOUNT. */
export function checkMessages(graph: JourneyGraph, guardrails: Guardrails | null, out: Diagnostic[]): void {
  for (const node of graph.nodes as GraphNode[]) {
    if (node.node?.kind !== "message") continue;
    const config = node.node.config;
    if (config.channel === "email" && config.purpose === "marketing" && !hasUnsubscribe(config)) {
      out.push(
        diagnostic(
          "MISSING_UNSUBSCRIBE",
          config.content.mode === "brief"
            ? `Marketing email ${describeNode(node)} must list "${UNSUBSCRIBE_ELEMENT}" in its required elements.`
            : `Marketing email ${describeNode(node)} must render {{unsubscribe_url}} in its template body.`,
          { nodeId: node.id },
        ),
      );
    }
    const discount = config.content.mode === "brief" ? config.content.offer?.maxDiscountPercent : undefined;
    if (guardrails && discount !== undefined && discount > guardrails.maxDiscountPercent) {
      out.push(
        diagnostic(
          "OFFER_EXCEEDS_MAX_DISCOUNT",
          `Message ${describeNode(node)} allows up to ${discount}% off but the guardrails cap discounts at ${guardrails.maxDiscountPercent}%; offers will be capped.`,
          { nodeId: node.id, details: { briefPercent: discount, guardrailPercent: guardrails.maxDiscountPercent } },
        ),
      );
    }
  }
}
