import { describe, expect, it } from "vitest";
import {
  agentNode,
  compileContext,
  edge,
  entryNode,
  exitNode,
  goalNode,
  messageNode,
  optionEdge,
  waitNode,
} from "../testing/index";
import { compile } from "./compile";
import { silentOptions } from "./plan-paths";

const email = (id: string) =>
  messageNode(id, {
    channel: "email",
    purpose: "transactional",
    content: { mode: "template", templateId: id, version: 1, subject: "Hi", body: "Hello", variables: {} },
  });

describe("options that send nothing", () => {
  it("are the agent's options from which no message step can follow", () => {
    const { plan } = compile(
      {
        formatVersion: 1,
        nodes: [
          entryNode("in"),
          agentNode("choose"),
          email("offer"),
          waitNode("later", { type: "duration", minutes: 60 }),
          email("reminder"),
          goalNode("done"),
          exitNode("quiet", "explicit"),
        ],
        edges: [
          edge("in-choose", "in", "choose"),
          optionEdge("opt-offer", "choose", "offer", { label: "Send the offer" }),
          optionEdge("opt-later", "choose", "later", { label: "Remind later" }),
          optionEdge("opt-nothing", "choose", "quiet", { label: "Send nothing" }),
          edge("offer-done", "offer", "done"),
          edge("later-reminder", "later", "reminder"),
          edge("reminder-done", "reminder", "done"),
        ],
      },
      compileContext(),
    );
    if (!plan) throw new Error("fixture does not compile");
    expect([...silentOptions(plan, "choose")]).toEqual(["opt-nothing"]);
    expect(silentOptions(plan, "offer").size).toBe(0);
  });
});
