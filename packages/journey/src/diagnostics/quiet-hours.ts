import { type GraphNode, type JourneyGraph, outgoingOf } from "../graph/journey-graph";
import type { QuietHours } from "../schema/guardrails";
import type { JourneyNode } from "../schema/node";
import { describeNode } from "./describe";
import { type Diagnostic, diagnostic } from "./diagnostic";

const DAY_MINUTES = 1_440;
const UNSET = -2;
const UNKNOWN = -1;

export function minutesOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function formatMinutesOfDay(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Whether a local time falls in the window; windows may cross midnight, and start == end means no window. */
export function isInQuietHours(minutes: number, quiet: QuietHours): boolean {
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  return start < end ? minutes >= start && minutes < end : start > end && (minutes >= start || minutes < end);
}

/**
 * WAIT_IN_QUIET_HOURS. The warning must be sound, so it only fires where the local time of day is known for
 * certain. It is known at an entry whose segment is checked `dailyAt` a fixed time; a duration wait shifts it by its
 * minutes (mod 24h); a send (not a webhook) inside quiet hours that is delayed moves it to the end of quiet hours; agent, rule
 * split and skipped sends keep it. Event entries, event waits, agent send-time waits, send-time agents and reviews
 * make it unknown, and where paths with different known times meet it is unknown too. A duration wait whose known
 * arrival time lands inside quiet hours then always does, for every customer: that is the warning.
 *
 * Forward data flow over a three-level lattice (unset < a time < unknown): each node's value changes at most
 * twice, so the worklist runs in O(V+E) even with cycles.
 */
export function checkQuietHours(graph: JourneyGraph, quiet: QuietHours | null, out: Diagnostic[]): void {
  if (!quiet || quiet.start === quiet.end) return;
  const arrival = new Int32Array(graph.nodes.length).fill(UNSET);
  const queue: number[] = [];
  const arrive = (i: number, time: number) => {
    const current = arrival[i] as number;
    const next = current === UNSET ? time : current === time ? current : UNKNOWN;
    if (next === current) return;
    arrival[i] = next;
    queue.push(i);
  };
  graph.nodes.forEach((node, i) => {
    if (node.node?.kind === "entry") {
      const trigger = node.node.config.trigger;
      arrive(i, trigger.type === "segment" && trigger.dailyAt ? minutesOfDay(trigger.dailyAt) : UNKNOWN);
    }
  });
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head] as number;
    const leaving = departure((graph.nodes[i] as GraphNode).node, arrival[i] as number, quiet);
    for (const e of outgoingOf(graph, i)) arrive((graph.edges[e] as { target: number }).target, leaving);
  }

  graph.nodes.forEach((node, i) => {
    const at = arrival[i] as number;
    if (node.node?.kind !== "wait" || node.node.config.type !== "duration" || at < 0) return;
    const landsAt = departure(node.node, at, quiet);
    if (!isInQuietHours(landsAt, quiet)) return;
    const effect =
      quiet.behaviour === "delay" ? `sends right after it wait until ${quiet.end}` : "sends right after it are skipped";
    out.push(
      diagnostic(
        "WAIT_IN_QUIET_HOURS",
        `Wait ${describeNode(node)} always ends at ${formatMinutesOfDay(landsAt)}, inside quiet hours ${quiet.start}-${quiet.end}; ${effect}. Shorten or lengthen it.`,
        { nodeId: node.id, details: { endsAt: formatMinutesOfDay(landsAt), behaviour: quiet.behaviour } },
      ),
    );
  });
}

/** Local time at which a customer who arrived at `time` leaves the node. */
function departure(node: JourneyNode | null, time: number, quiet: QuietHours): number {
  if (time < 0 || !node) return UNKNOWN;
  switch (node.kind) {
    case "entry":
    case "rule_split":
      return time;
    case "agent":
      return node.config.decides === "send_time" ? UNKNOWN : time;
    case "message":
      return quiet.behaviour === "delay" && node.config.channel !== "webhook" && isInQuietHours(time, quiet)
        ? minutesOfDay(quiet.end)
        : time;
    case "wait":
      return node.config.type === "duration" ? (time + node.config.minutes) % DAY_MINUTES : UNKNOWN;
    default:
      return UNKNOWN;
  }
}
