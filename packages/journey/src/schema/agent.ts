import { z } from "zod";
import { idSchema } from "./primitives";

export const AGENT_DECISIONS = ["path", "message", "channel", "send_time"] as const;
export const AGENT_POLICIES = ["learning", "llm", "both"] as const;

/** An "agent decides" node. Its options are its outgoing edges (see `edgeOptionSchema`). */
export const agentConfigSchema = z.strictObject({
  decides: z.enum(AGENT_DECISIONS),
  policy: z.enum(AGENT_POLICIES),
  /** Share of decisions spent exploring a non-best option. */
  exploration: z.number().min(0).max(1),
  /** Once the node has evidence, an exploiting choice less sure than this takes the fallback or goes to review (decision-gate.ts). */
  minConfidence: z.number().min(0).max(1),
  /** The option taken when no option is eligible or the policy cannot decide; an outgoing edge id. */
  fallbackOptionEdgeId: idSchema.optional(),
});
export type AgentConfig = z.infer<typeof agentConfigSchema>;
export type AgentDecision = AgentConfig["decides"];
export type AgentPolicy = AgentConfig["policy"];
