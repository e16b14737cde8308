import { describe, expect, it } from "vitest";
import { textOf } from "./text-of";

describe("message text for reviewers", () => {
  it("turns block tags into line breaks, drops other tags and decodes common entities", () => {
    expect(textOf("<h1>Hi {{firstName}}</h1><p>Save 50% &amp; more<br>today</p><p><a href='x'>Shop</a></p>")).toBe(
      "Hi {{firstName}}\nSave 50% & more\ntoday\nShop",
    );
  });

  it("leaves plain text as it is", () => {
    expect(textOf("Your code is 1234")).toBe("Your code is 1234");
  });
});
