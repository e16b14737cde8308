import type { JourneyDefinition } from "../schema/definition";
import type { JourneyEdge } from "../schema/edge";
import type { JourneyNode } from "../schema/node";
import { defineJourney } from "./journeys";
import {
  agentNode,
  edge,
  entryNode,
  exitNode,
  goalNode,
  messageNode,
  optionEdge,
  reviewNode,
  smsNode,
  waitNode,
} from "./nodes";

/** Deterministic PRNG (mulberry32) so generated journeys are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const NODES_PER_CHAIN = 500;
const WAIT_MINUTES = [60, 240, 1_440, 2_880, 4_320];

/**
 * A valid, realistic journey of exactly `nodeCount` nodes (at least 2): one entry per ~500 nodes, each starting a
 * chain of agent decisions (2 or 3 options, some leading to an exit), email / SMS / push sends, waits (durations and
 * until-event with timeout), the occasional human review, ending at a goal. It compiles without errors.
 */
export function generateLargeJourney(nodeCount: number, options: { seed?: number } = {}): JourneyDefinition {
  if (!Number.isInteger(nodeCount) || nodeCount < 2) throw new RangeError("a journey needs at least 2 nodes");
  const random = seededRandom(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const nodes: JourneyNode[] = [];
  const edges: JourneyEdge[] = [];
  const chainCount = Math.max(1, Math.floor(nodeCount / NODES_PER_CHAIN));

  for (let chain = 0; chain < chainCount; chain++) {
    const budget = Math.floor(nodeCount / chainCount) + (chain < nodeCount % chainCount ? 1 : 0);
    let depth = 0;
    let seq = 0;
    let edgeSeq = 0;
    const id = (role: string) => `c${chain}-${role}-${seq++}`;
    const edgeId = () => `c${chain}-e${edgeSeq++}`;
    const at = (lane: number) => ({ position: { x: chain * 1_200 + lane * 220, y: depth * 140 } });
    const add = (node: JourneyNode) => {
      nodes.push(node);
      return node.id;
    };
    const eventWaits = new Set<string>();
    // An until-event wait resumes on the event and on the timeout; both go on to the next node.
    const link = (sources: string[], target: string) => {
      for (const source of sources) {
        edges.push(edge(edgeId(), source, target));
        if (eventWaits.has(source)) edges.push(edge(edgeId(), source, target, { sourceHandle: "timeout" }));
      }
    };

    const entryId = add(
      entryNode(
        id("entry"),
        chain % 2 === 0
          ? {}
          : { trigger: { type: "segment", segmentId: `segment-${chain}` }, reentry: { afterDays: 30 } },
        { ...at(0), name: `Entry ${chain}` },
      ),
    );
    let pending = [entryId];
    let remaining = budget - 2;

    while (remaining > 0) {
      depth++;
      const fits = (["choice2", "choice3", "exit_option", "review", "nudge", "pause"] as const).filter(
        (s) => SEGMENT_SIZES[s] <= remaining && (s !== "pause" || remaining < 2),
      );
      const segment = pick(fits);
      remaining -= SEGMENT_SIZES[segment];
      if (segment === "pause") {
        const wait = add(waitNode(id("wait"), { type: "duration", minutes: pick(WAIT_MINUTES) }, at(0)));
        link(pending, wait);
        pending = [wait];
      } else if (segment === "nudge") {
        const push = add(
          messageNode(
            id("push"),
            { channel: "push", purpose: "transactional", content: brief("Your report is ready.") },
            at(0),
          ),
        );
        depth++;
        const wait = add(
          waitNode(
            id("wait"),
            { type: "until_event", event: "report_viewed", timeoutMinutes: pick(WAIT_MINUTES) },
            at(0),
          ),
        );
        link(pending, push);
        link([push], wait);
        eventWaits.add(wait);
        pending = [wait];
      } else if (segment === "review") {
        const review = add(reviewNode(id("review"), { escalateTo: "admin" }, at(0)));
        depth++;
        const send = add(messageNode(id("email"), {}, at(0)));
        const exit = add(exitNode(id("exit"), "explicit", at(1)));
        link(pending, review);
        link([review], send);
        edges.push(edge(edgeId(), review, exit, { sourceHandle: "rejected" }));
        pending = [send];
      } else {
        const agent = add(
          agentNode(
            id("agent"),
            { decides: segment === "choice3" ? "message" : "path" },
            { ...at(0), name: `Decision ${seq}` },
          ),
        );
        link(pending, agent);
        depth++;
        const sends = [add(messageNode(id("email"), {}, at(0)))];
        if (segment !== "exit_option") sends.push(add(smsNode(id("sms"), at(1))));
        if (segment === "choice3")
          sends.push(add(messageNode(id("push"), { channel: "push", content: brief("Come back") }, at(2))));
        for (const send of sends) edges.push(optionEdge(edgeId(), agent, send));
        if (segment === "exit_option") {
          const exit = add(exitNode(id("exit"), "explicit", at(1)));
          edges.push(
            optionEdge(edgeId(), agent, exit, {
              label: "Do nothing",
              description: "Send nothing and let the customer go.",
            }),
          );
        }
        depth++;
        const wait = add(waitNode(id("wait"), { type: "duration", minutes: pick(WAIT_MINUTES) }, at(0)));
        link(sends, wait);
        pending = [wait];
      }
    }
    depth++;
    const goal = add(goalNode(id("goal"), { ...at(0), name: `Goal ${chain}` }));
    link(pending, goal);
  }
  return defineJourney(nodes, edges);
}

const SEGMENT_SIZES = { choice2: 4, choice3: 5, exit_option: 4, review: 3, nudge: 2, pause: 1 } as const;

function brief(keyMessage: string) {
  return { mode: "brief" as const, keyMessage, tone: "helpful", requiredElements: ["cta"] };
}
