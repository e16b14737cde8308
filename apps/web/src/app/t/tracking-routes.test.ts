import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const recordTracking = vi.fn();
const findUnique = vi.fn();

vi.mock("@northstar/core", () => ({
  recordTracking: (...args: unknown[]) => recordTracking(...args),
  TRACKING_PIXEL: Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64"),
}));
vi.mock("@northstar/db", () => ({ getDb: () => ({ message: { findUnique } }) }));

const { GET: open } = await import("./o/[token]/route");
const { GET: click } = await import("./c/[token]/[index]/route");
const unsubscribe = await import("./u/[token]/route");

const params = <T>(value: T) => ({ params: Promise.resolve(value) });
const request = (path: string, method = "GET") => new Request(`https://app.test${path}`, { method });

describe("tracking routes", () => {
  beforeEach(() => {
    recordTracking.mockReset();
    findUnique.mockReset();
  });
  afterEach(() => vi.restoreAllMocks());

  it("answers 404 to an unsubscribe link with an unknown token, on GET and POST", async () => {
    findUnique.mockResolvedValue(null);
    recordTracking.mockResolvedValue({ found: false, redirectTo: null });
    expect((await unsubscribe.GET(request("/t/u/nope"), params({ token: "nope" }))).status).toBe(404);
    expect((await unsubscribe.POST(request("/t/u/nope", "POST"), params({ token: "nope" }))).status).toBe(404);
  });

  it("confirms and records an unsubscribe with a known token", async () => {
    findUnique.mockResolvedValue({ id: "m1" });
    recordTracking.mockResolvedValue({ found: true, redirectTo: null });
    const form = await unsubscribe.GET(request("/t/u/tok"), params({ token: "tok" }));
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('action="/t/u/tok"');
    const done = await unsubscribe.POST(request("/t/u/tok", "POST"), params({ token: "tok" }));
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("You are unsubscribed.");
  });

  it("accepts only a plain decimal link index", async () => {
    recordTracking.mockResolvedValue({ found: true, redirectTo: "https://shop.test/a" });
    for (const index of ["1abc", "1e0", "-1", " 1", "0x1", ""]) {
      expect((await click(request(`/t/c/tok/${index}`), params({ token: "tok", index }))).status).toBe(404);
    }
    expect(recordTracking).not.toHaveBeenCalled();
    const ok = await click(request("/t/c/tok/1"), params({ token: "tok", index: "1" }));
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("https://shop.test/a");
    expect(recordTracking).toHaveBeenCalledWith(expect.anything(), "click", "tok", 1);
  });

  it("logs a failed open with the error's name and message and still answers the pixel", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    recordTracking.mockRejectedValue(new TypeError("database is down"));
    const pixel = await open(request("/t/o/tok"), params({ token: "tok" }));
    expect(pixel.status).toBe(200);
    expect(pixel.headers.get("content-type")).toBe("image/gif");
    expect(log).toHaveBeenCalledWith(expect.stringContaining("TypeError: database is down"));
  });
});
