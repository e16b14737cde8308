/**
 * Every diagnostic compile can report. Codes are stable: the canvas, the dashboard and the API match on them.
 * Errors block publishing; warnings do not.
 */
export const DIAGNOSTIC_CODES = {
  INVALID_DEFINITION: {
    severity: "error",
    summary: "The definition's outer shape is wrong (format version, node or edge lists, size limits).",
  },
  INVALID_NODE: { severity: "error", summary: "A node's id, kind, position or name is invalid." },
  INVALID_CONFIG: { severity: "error", summary: "A node's config does not match its kind; the path names the field." },
  INVALID_EDGE: { severity: "error", summary: "An edge's fields (ids, option, condition) are invalid." },
  INVALID_CONTEXT: { severity: "error", summary: "The compile context (objective, guardrails, activity) is invalid." },
  UNKNOWN_NODE_KIND: { severity: "error", summary: "A node has a kind this build does not know." },
  DUPLICATE_ID: { severity: "error", summary: "Two nodes or two edges share an id; the later one is ignored." },
  DANGLING_EDGE: { severity: "error", summary: "An edge's source or target is not a node of the journey." },
  NO_ENTRY: { severity: "error", summary: "The journey has no entry node." },
  ENTRY_HAS_INCOMING: {
    severity: "error",
    summary: "An entry node has an incoming edge; customers only enter through triggers.",
  },
  UNREACHABLE_NODE: { severity: "error", summary: "No path from an entry reaches the node." },
  DEAD_END: { severity: "error", summary: "A node other than goal or exit has no successor." },
  TERMINAL_HAS_SUCCESSORS: { severity: "error", summary: "A goal or exit node has outgoing edges." },
  CYCLE_WITHOUT_WAIT: {
    severity: "error",
    summary: "A cycle passes through no wait node, so a customer could loop without pause.",
  },
  AGENT_TOO_FEW_OPTIONS: { severity: "error", summary: "An agent node has fewer than two options to choose from." },
  AGENT_FALLBACK_NOT_AN_OPTION: { severity: "error", summary: "An agent's fallback is not one of its outgoing edges." },
  RULE_SPLIT_MISSING_CONDITION: { severity: "error", summary: "An edge leaving a rule split has no condition." },
  RULE_SPLIT_NEEDS_ONE_ELSE: { severity: "error", summary: "A rule split must have exactly one else branch." },
  MISSING_UNSUBSCRIBE: {
    severity: "error",
    summary: "A marketing email neither requires nor renders an unsubscribe link.",
  },
  MISSING_OBJECTIVE: { severity: "error", summary: "The journey is not bound to an objective." },
  UNKNOWN_OBJECTIVE: { severity: "error", summary: "The journey's objective is not one of the admin's objectives." },
  COMPILE_FAILED: { severity: "error", summary: "Compilation stopped on an unexpected internal error." },
  STALE_BRANCH: { severity: "warning", summary: "An edge of a live journey has not fired for the stale period." },
  COLLAPSIBLE_RULE_TREE: {
    severity: "warning",
    summary: "A chain of rule splits or a 3+ branch split could be one agent node.",
  },
  WAIT_IN_QUIET_HOURS: { severity: "warning", summary: "A duration wait always ends inside quiet hours." },
  AGENT_OPTION_UNDESCRIBED: {
    severity: "warning",
    summary: "An agent option has no label or description for the agent to read.",
  },
  AGENT_CANNOT_LEARN: {
    severity: "warning",
    summary: "An agent node's settings keep it from learning which option works, or from acting on what it learned.",
  },
  OFFER_EXCEEDS_MAX_DISCOUNT: {
    severity: "warning",
    summary: "A brief allows a larger discount than the guardrails; the guardrail wins.",
  },
} as const satisfies Record<string, { severity: "error" | "warning"; summary: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
export type DiagnosticSeverity = "error" | "warning";
