import { DEFAULT_GUARDRAILS, type MessageConfig } from "@northstar/journey";
import { describe, expect, it } from "vitest";
import { lintOutgoing } from "@northstar/agent";
import { composeMessage, finishMessage } from "./render";

const customer = {
  email: "ada@example.test",
  phone: null,
  timeZone: null,
  consent: {},
  traits: { firstName: "Ada <3" },
};
const guardrails = { ...DEFAULT_GUARDRAILS, bannedPhrases: ["free money"] };
const template = (body: string, variables: Record<string, string>, subject?: string): MessageConfig => ({
  channel: "email",
  purpose: "marketing",
  content: { mode: "template", templateId: "t", version: 1, ...(subject ? { subject } : {}), body, variables },
});

describe("message rendering", () => {
  it("renders placeholders named like object members as ordinary, unknown variables", async () => {
    const composed = await composeMessage({
      customer,
      guardrails,
      config: template("<p>{{constructor}} {{toString}} {{firstName}}</p>", { firstName: "customer.firstName" }),
    });
    expect(composed.body).toBe("<p>{{constructor}} {{toString}} Ada &lt;3</p>");
  });

  it("substitutes template variables (escaped in HTML) and tracks links, opens and unsubscribes", async () => {
    const composed = await composeMessage({
      customer,
      guardrails,
      config: template(
        '<p>Hello {{firstName}}</p><a href="https://shop.test/a?x=1&amp;y=2">Shop</a> <a href="{{unsubscribe_url}}">Stop</a>',
        { firstName: "customer.firstName" },
        "Hi {{firstName}}",
      ),
    });
    expect(composed.renderedBy).toBe("template:t@1");
    const out = finishMessage(composed, "email", "https://app.test/", "tok");
    expect(out.subject).toBe("Hi Ada <3");
    expect(out.body).toContain("Hello Ada &lt;3");
    expect(out.body).toContain('href="https://app.test/t/c/tok/0"');
    expect(out.links).toEqual(["https://shop.test/a?x=1&y=2"]);
    expect(out.body).toContain('href="https://app.test/t/u/tok"');
    expect(out.body.match(/t\/u\/tok/g)).toHaveLength(1);
    expect(out.body).toContain('src="https://app.test/t/o/tok"');
    expect(out.text).toContain("Shop (https://app.test/t/c/tok/0)");
  });

  it("writes a brief from the versioned template without a model, with an unsubscribe link and the pixel", async () => {
    const config: MessageConfig = {
      channel: "email",
      purpose: "marketing",
      content: { mode: "brief", keyMessage: "Your cart misses you. Come back.", tone: "warm", requiredElements: [] },
    };
    const composed = await composeMessage({ customer, guardrails, config });
    expect(composed).toMatchObject({ subject: "Your cart misses you", renderedBy: "template:brief@1" });
    expect(composed.body).toContain("<p>Hi Ada &lt;3,</p>");
    const out = finishMessage(composed, "email", "https://app.test", "tok");
    expect(out.body).toContain('<a href="https://app.test/t/u/tok">Unsubscribe</a>');
    expect(out.body.match(/t\/u\/tok/g)).toHaveLength(1);
    expect(out.body).toContain("/t/o/tok");
    expect(out.body).not.toContain("{{");
    expect(lintOutgoing({ channel: "email", purpose: "marketing", ...composed }, guardrails, config.content)).toEqual(
      [],
    );
  });

  it("renders SMS as plain text without tracking", async () => {
    const config: MessageConfig = {
      channel: "sms",
      purpose: "marketing",
      content: {
        mode: "template",
        templateId: "s",
        version: 1,
        body: "Hi {{firstName}}",
        variables: { firstName: "firstName" },
      },
    };
    const out = finishMessage(await composeMessage({ customer, guardrails, config }), "sms", "https://app.test", "tok");
    expect(out.body).toBe("Hi Ada <3");
    expect(out.links).toEqual([]);
  });

  it("escapes customer variables whose name merely starts with unsubscribe, and keeps built-in links intact", async () => {
    const evil = { ...customer, traits: { unsubscribeReason: '<a href="https://evil.test">x</a>' } };
    const composed = await composeMessage({
      customer: evil,
      guardrails,
      config: template(
        '<p>{{unsubscribeReason}}</p><p>{{unsubscribe_url_x}}</p><a href="{{unsubscribe_link}}">Stop</a>',
        {
          unsubscribeReason: "customer.unsubscribeReason",
          unsubscribe_url_x: "customer.unsubscribeReason",
          unsubscribe_link: "customer.unsubscribeReason",
        },
      ),
    });
    const out = finishMessage(composed, "email", "https://app.test/", "tok");
    expect(out.body).not.toContain('evil.test"');
    expect(out.body).toContain("&lt;a href=&quot;https://evil.test&quot;&gt;x&lt;/a&gt;");
    expect(out.body).toContain('<a href="https://app.test/t/u/tok">Stop</a>');
    expect(out.links).toEqual([]);
  });
});
