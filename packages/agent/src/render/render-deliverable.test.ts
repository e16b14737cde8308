import { type BriefContent, DEFAULT_GUARDRAILS, type Guardrails } from "@northstar/journey";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InMemoryBudgetLedger } from "../llm/budget";
import { type FakeOpenAi, startFakeOpenAi } from "../testing/fake-openai-server";
import { fillVariables, renderDeliverable } from "./render-deliverable";

const guardrails: Guardrails = { ...DEFAULT_GUARDRAILS, maxDiscountPercent: 20, bannedPhrases: ["act now"] };
const brief: BriefContent = {
  mode: "brief",
  keyMessage: "We miss you. Come back for new spring arrivals.",
  tone: "warm",
  offer: { maxDiscountPercent: 15 },
  requiredElements: ["unsubscribe_link"],
};
const customer = { id: "c1", features: { firstName: "Ada", plan: "pro" } };
const options = { channel: "email" as const, purpose: "marketing" as const, guardrails };

let server: FakeOpenAi;
beforeAll(async () => {
  server = await startFakeOpenAi();
});
afterAll(() => server.close());
const llm = () => ({
  settings: { baseURL: server.baseURL, apiKey: "k", model: "m", timeoutMs: 2_000 },
  budget: new InMemoryBudgetLedger(),
  now: () => new Date("2026-03-01T10:00:00Z"),
});

describe("fillVariables", () => {
  it("fills variables named like object members from the customer's own traits only", () => {
    expect(fillVariables("{{constructor}}|{{toString}}|{{plan}}", { plan: "pro" })).toBe("||pro");
    expect(fillVariables("{{constructor}}", { constructor: "own" })).toBe("own");
    expect(fillVariables("{{tier}}", { plan: "pro" }, { tier: "customer.plan", constructor: "x" })).toBe("pro");
  });
});

describe("renderDeliverable", () => {
  it("renders a brief from the versioned template without an LLM", async () => {
    const rendered = await renderDeliverable(brief, customer, options);
    expect(rendered).toMatchObject({ renderedBy: "template:brief@1", status: "ready", blocks: [] });
    expect(rendered.deliverable.subject).toBe("We miss you");
    expect(rendered.deliverable.body).toContain("Hi Ada,");
    expect(rendered.deliverable.body).toContain("up to 15% off");
  });

  it("uses the LLM's per-customer text, linted", async () => {
    server.reply = () => ({
      kind: "answer",
      content: JSON.stringify({ subject: "Ada, spring is here", body: "New arrivals picked for you, with 10% off." }),
    });
    const rendered = await renderDeliverable(brief, customer, { ...options, llm: llm() });
    expect(rendered).toMatchObject({ renderedBy: "llm", status: "ready" });
    expect(rendered.deliverable.subject).toBe("Ada, spring is here");
  });

  it("sends a deliverable that breaks a guardrail to review, never out", async () => {
    server.reply = () => ({
      kind: "answer",
      content: JSON.stringify({ subject: "Act now", body: "Take 40% off everything!" }),
    });
    const rendered = await renderDeliverable(brief, customer, { ...options, llm: llm() });
    expect(rendered.status).toBe("needs_review");
    expect(rendered.blocks.map((b) => b.code)).toEqual(["BANNED_PHRASE", "DISCOUNT_ABOVE_MAX"]);
  });

  it("falls back to the template when the LLM fails", async () => {
    server.reply = () => ({ kind: "status", status: 429 });
    const rendered = await renderDeliverable(brief, customer, { ...options, llm: llm() });
    expect(rendered).toMatchObject({ renderedBy: "template:brief@1", status: "ready" });
    expect(rendered.llmFallbackReason).toMatch(/^rate_limited/);
  });

  it("fills a template's variables and flags a missing unsubscribe link", async () => {
    const rendered = await renderDeliverable(
      {
        mode: "template",
        templateId: "winback",
        version: 3,
        subject: "Hello {{name}}",
        body: "Hi {{name}}, your {{plan}} plan misses you. {{tracking_pixel}}",
        variables: { name: "customer.firstName" },
      },
      customer,
      options,
    );
    expect(rendered.renderedBy).toBe("template:winback@3");
    expect(rendered.deliverable).toMatchObject({
      subject: "Hello Ada",
      body: "Hi Ada, your pro plan misses you. {{tracking_pixel}}",
    });
    expect(rendered).toMatchObject({ status: "needs_review", blocks: [{ code: "MISSING_UNSUBSCRIBE" }] });
  });
});
