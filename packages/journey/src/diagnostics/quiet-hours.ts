import { type GraphNode, type JourneyGraph, outgoingOf } from "../graph/journey-graph";
import type { QuietHours } from "../schema/guardrails";
import type { JourneyNode } from "../schema/node";
import { describeNode } from "./describe";
import { type Diagnostic, diagnostic } from "./diagnostic";

const DAY_MINUTES = 1_440;

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

/** How many distinct known times a node may be reached at before the analysis gives up on it. */
export const MAX_KNOWN_TIMES = 4;

/** Local times of day (minutes, sorted) at which customers can be at a node, or "unknown". */
type Times = readonly number[] | "unknown";

/**
 * WAIT_IN_QUIET_HOURS. The warning must be sound, so it only fires where the local time of day is known for
 * certain. It is known at an entry whose segment is checked `dailyAt` a fixed time; a duration wait shifts it by its
 * minutes (mod 24h); a send (not a webhook) inside quiet hours that is delayed moves it to the end of quiet hours;
 * agents, rule splits and skipped sends keep it. Event entries, event waits, agent send-time waits, send-time agents
 * and reviews make it unknown. Where paths meet, the known times are pooled (up to MAX_KNOWN_TIMES, beyond which the
 * time is unknown). A duration wait all of whose known end times fall inside quiet hours then always ends there.
 *
 * Forward data flow over a finite lattice (unset < sets of up to MAX_KNOWN_TIMES times < unknown): each node's value
 * only grows and changes at most MAX_KNOWN_TIMES + 1 times, so the worklist runs in O(V+E) even with cycles.
 */
export function checkQuietHours(graph: JourneyGraph, quiet: QuietHours | null, out: Diagnostic[]): void {
  if (!quiet || quiet.start === quiet.end) return;
  const arrival: Array<Times | undefined> = new Array(graph.nodes.length);
  const queue: number[] = [];
  const arrive = (i: number, times: Times) => {
    const current = arrival[i];
    const next = current === undefined ? times : join(current, times);
    if (current !== undefined && sameTimes(current, next)) return;
    arrival[i] = next;
    queue.push(i);
  };
  graph.nodes.forEach((node, i) => {
    if (node.node?.kind === "entry") {
      const trigger = node.node.config.trigger;
      arrive(i, trigger.type === "segment" && trigger.dailyAt ? [minutesOfDay(trigger.dailyAt)] : "unknown");
    }
  });
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head] as number;
    const leaving = departure((graph.nodes[i] as GraphNode).node, arrival[i] as Times, quiet);
    for (const e of outgoingOf(graph, i)) arrive((graph.edges[e] as { target: number }).target, leaving);
  }

  graph.nodes.forEach((node, i) => {
    const at = arrival[i];
    if (node.node?.kind !== "wait" || node.node.config.type !== "duration" || at === undefined || at === "unknown")
      return;
    const endsAt = departure(node.node, at, quiet);
    if (endsAt === "unknown" || !endsAt.every((t) => isInQuietHours(t, quiet))) return;
    const when = endsAt.map(formatMinutesOfDay);
    const effect =
      quiet.behaviour === "delay" ? `sends right after it wait until ${quiet.end}` : "sends right after it are skipped";
    out.push(
      diagnostic(
        "WAIT_IN_QUIET_HOURS",
        `Wait ${describeNode(node)} always ends ${when.length === 1 ? `at ${when[0]}` : `at one of ${when.join(", ")}`}, inside quiet hours ${quiet.start}-${quiet.end}; ${effect}. Shorten or lengthen it.`,
        { nodeId: node.id, details: { endsAt: when, behaviour: quiet.behaviour } },
      ),
    );
  });
}

function join(a: Times, b: Times): Times {
  if (a === "unknown" || b === "unknown") return "unknown";
  const union = [...new Set([...a, ...b])].sort((x, y) => x - y);
  return union.length > MAX_KNOWN_TIMES ? "unknown" : union;
}

function sameTimes(a: Times, b: Times): boolean {
  if (a === "unknown" || b === "unknown") return a === b;
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/** Local times at which customers who arrived at `times` leave the node. */
function departure(node: JourneyNode | null, times: Times, quiet: QuietHours): Times {
  if (times === "unknown" || !node) return "unknown";
  const leaving = new Set<number>();
  for (const time of times) {
    const t = departureAt(node, time, quiet);
    if (t === null) return "unknown";
    leaving.add(t);
  }
  return [...leaving].sort((x, y) => x - y);
}

function departureAt(node: JourneyNode, time: number, quiet: QuietHours): number | null {
  switch (node.kind) {
    case "entry":
    case "rule_split":
      return time;
    case "agent":
      return node.config.decides === "send_time" ? null : time;
    case "message":
      return quiet.behaviour === "delay" && node.config.channel !== "webhook" && isInQuietHours(time, quiet)
        ? minutesOfDay(quiet.end)
        : time;
    case "wait":
      return node.config.type === "duration" ? (time + node.config.minutes) % DAY_MINUTES : null;
    default:
      return null;
  }
}
