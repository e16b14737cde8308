import { describe, expect, it } from "vitest";
import { renderMessage } from "./render";

const customer = {
  email: "ada@example.test",
  phone: null,
  timeZone: null,
  consent: {},
  traits: { firstName: "Ada <3" },
};
const base = { customer, publicUrl: "https://app.test/", trackingToken: "tok" };

describe("renderMessage", () => {
  it("substitutes template variables (escaped in HTML) and tracks links, opens and unsubscribes", () => {
    const out = renderMessage({
      ...base,
      config: {
        channel: "email",
        purpose: "marketing",
        content: {
          mode: "template",
          templateId: "t",
          version: 1,
          subject: "Hi {{firstName}}",
          body: '<p>Hello {{firstName}}</p><a href="https://shop.test/a?x=1&amp;y=2">Shop</a> <a href="{{unsubscribe_url}}">Stop</a>',
          variables: { firstName: "customer.firstName" },
        },
      },
    });
    expect(out.subject).toBe("Hi Ada <3");
    expect(out.body).toContain("Hello Ada &lt;3");
    expect(out.body).toContain('href="https://app.test/t/c/tok/0"');
    expect(out.links).toEqual(["https://shop.test/a?x=1&y=2"]);
    expect(out.body).toContain('href="https://app.test/t/u/tok"');
    expect(out.body.match(/t\/u\/tok/g)).toHaveLength(1);
    expect(out.body).toContain('src="https://app.test/t/o/tok"');
    expect(out.text).toContain("Shop (https://app.test/t/c/tok/0)");
  });

  it("renders a brief deterministically, with an unsubscribe footer", () => {
    const config = {
      channel: "email" as const,
      purpose: "marketing" as const,
      content: {
        mode: "brief" as const,
        keyMessage: "Your cart misses you. Come back.",
        tone: "warm",
        requiredElements: [],
      },
    };
    const a = renderMessage({ ...base, config });
    expect(a).toEqual(renderMessage({ ...base, config }));
    expect(a.subject).toBe("Your cart misses you.");
    expect(a.body).toContain("/t/u/tok");
    expect(a.links).toEqual(["https://app.test/"]);
  });

  it("renders SMS as plain text without tracking", () => {
    const out = renderMessage({
      ...base,
      config: {
        channel: "sms",
        purpose: "marketing",
        content: {
          mode: "template",
          templateId: "s",
          version: 1,
          body: "Hi {{firstName}}",
          variables: { firstName: "firstName" },
        },
      },
    });
    expect(out.body).toBe("Hi Ada <3");
    expect(out.links).toEqual([]);
  });

  it("escapes customer variables whose name merely starts with unsubscribe, and keeps built-in links intact", () => {
    const evil = { ...customer, traits: { unsubscribeReason: '<a href="https://evil.test">x</a>' } };
    const out = renderMessage({
      ...base,
      customer: evil,
      config: {
        channel: "email",
        purpose: "marketing",
        content: {
          mode: "template",
          templateId: "t",
          version: 1,
          body: '<p>{{unsubscribeReason}}</p><p>{{unsubscribe_url_x}}</p><a href="{{unsubscribe_link}}">Stop</a>',
          variables: {
            unsubscribeReason: "customer.unsubscribeReason",
            unsubscribe_url_x: "customer.unsubscribeReason",
            unsubscribe_link: "customer.unsubscribeReason",
          },
        },
      },
    });
    expect(out.body).not.toContain('evil.test"');
    expect(out.body).toContain("&lt;a href=&quot;https://evil.test&quot;&gt;x&lt;/a&gt;");
    expect(out.body).toContain('<a href="https://app.test/t/u/tok">Stop</a>');
    expect(out.links).toEqual([]);
  });
});
