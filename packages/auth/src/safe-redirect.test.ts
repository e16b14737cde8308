import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeRedirectPath("/journeys/abc?version=2#node-1")).toBe("/journeys/abc?version=2#node-1");
    expect(safeRedirectPath("/dashboard")).toBe("/dashboard");
  });

  it("normalises dot segments", () => {
    expect(safeRedirectPath("/journeys/../dashboard")).toBe("/dashboard");
  });

  const hostile = [
    "/\t/evil.example/",
    "/\n/evil.example/",
    "/\r\n/evil.example",
    "/\u0000/evil.example",
    "\t//evil.example",
    "//evil.example/steal",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "/.//evil.example",
    "/./\u007f/evil.example",
    "https://evil.example/",
    "http:evil.example",
    "HTTPS://evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    " //evil.example",
    "evil.example",
    "",
    "x".repeat(3000),
  ];
  for (const input of hostile) {
    it(`refuses ${JSON.stringify(input.slice(0, 40))} and falls back`, () => {
      expect(safeRedirectPath(input)).toBe(DEFAULT_AFTER_SIGN_IN);
    });
  }

  it("falls back for anything that is not a string", () => {
    expect(safeRedirectPath(undefined)).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeRedirectPath(["/a", "/b"])).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeRedirectPath(null, { fallback: "/sign-in" })).toBe("/sign-in");
  });

  it("accepts an absolute URL only on the app's own origin", () => {
    const appOrigin = "http://localhost:3000";
    expect(safeRedirectPath("http://localhost:3000/outbox?status=SENT", { appOrigin })).toBe("/outbox?status=SENT");
    expect(safeRedirectPath("http://localhost:3001/outbox", { appOrigin })).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeRedirectPath("http://localhost:3000@evil.example/", { appOrigin })).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeRedirectPath("http://user:pw@localhost:3000/", { appOrigin })).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it("never returns a string a browser would read as another host", () => {
    for (const input of hostile) {
      const out = safeRedirectPath(input);
      expect(new URL(out, "http://app.test").host).toBe("app.test");
    }
  });
});
