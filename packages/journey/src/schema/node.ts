import { z } from "zod";
import { agentConfigSchema } from "./agent";
import { entryConfigSchema } from "./entry";
import { exitConfigSchema, goalConfigSchema, reviewConfigSchema, ruleSplitConfigSchema } from "./flow-control";
import { messageConfigSchema } from "./message";
import { idSchema, nameSchema, positionSchema } from "./primitives";
import { waitConfigSchema } from "./wait";

/** The config schema of each node kind; the single source of truth for the kind list. */
export const NODE_CONFIG_SCHEMAS = {
  entry: entryConfigSchema,
  agent: agentConfigSchema,
  message: messageConfigSchema,
  wait: waitConfigSchema,
  review: reviewConfigSchema,
  goal: goalConfigSchema,
  exit: exitConfigSchema,
  rule_split: ruleSplitConfigSchema,
} as const;

export type NodeKind = keyof typeof NODE_CONFIG_SCHEMAS;
export const NODE_KINDS = Object.keys(NODE_CONFIG_SCHEMAS) as NodeKind[];
export type NodeConfigOf<K extends NodeKind> = z.infer<(typeof NODE_CONFIG_SCHEMAS)[K]>;

/** Kinds where a customer's path ends; every other kind needs at least one successor. */
export const TERMINAL_KINDS: readonly NodeKind[] = ["goal", "exit"];

export function isNodeKind(value: unknown): value is NodeKind {
  return typeof value === "string" && Object.hasOwn(NODE_CONFIG_SCHEMAS, value);
}

const nodeOf = <K extends NodeKind>(kind: K) =>
  z.strictObject({
    id: idSchema,
    kind: z.literal(kind),
    position: positionSchema,
    name: nameSchema.optional(),
    config: NODE_CONFIG_SCHEMAS[kind] as (typeof NODE_CONFIG_SCHEMAS)[K],
  });

export const journeyNodeSchema = z.discriminatedUnion(
  "kind",
  [
    nodeOf("entry"),
    nodeOf("agent"),
    nodeOf("message"),
    nodeOf("wait"),
    nodeOf("review"),
    nodeOf("goal"),
    nodeOf("exit"),
    nodeOf("rule_split"),
  ],
  { error: (issue) => (issue.code === "invalid_union" ? unknownKindMessage(issue.input) : undefined) },
);

function unknownKindMessage(input: unknown): string {
  const kind = typeof input === "object" && input !== null ? (input as { kind?: unknown }).kind : undefined;
  const shown =
    typeof kind === "string"
      ? `"${kind.slice(0, 40)}"`
      : kind === undefined
        ? "missing"
        : JSON.stringify(kind)?.slice(0, 40);
  return `unknown node kind ${shown}; expected one of ${NODE_KINDS.join(", ")}`;
}

export type JourneyNode = z.infer<typeof journeyNodeSchema>;
export type JourneyNodeOf<K extends NodeKind> = Extract<JourneyNode, { kind: K }>;

/** The fields every node has whatever its kind; compile reads these before it looks at the config. */
export const nodeEnvelopeSchema = z.strictObject({
  id: idSchema,
  kind: z.string(),
  position: positionSchema,
  name: nameSchema.optional(),
  config: z.unknown(),
});
