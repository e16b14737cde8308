import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, requestIdOf, scrubCredentials } from "./index";

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: createLogger({ name: "test", level, destination }), lines };
}

describe("the logger", () => {
  it("writes JSON lines with the ids given by child loggers, at the level asked for", () => {
    const { log, lines } = capture("info");
    const job = log.child({ jobId: "42", enrollmentId: "enr_1" });
    job.debug("routine completion");
    job.info({ messageId: "msg_1" }, "queued email");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      name: "test",
      jobId: "42",
      enrollmentId: "enr_1",
      messageId: "msg_1",
      msg: "queued email",
    });
  });

  it("never writes a secret, by key or inside a URL", () => {
    const { log, lines } = capture("debug");
    log.info(
      {
        apiKey: "sk-live-123",
        config: { smtpUrl: "smtp://u:p@mail", nested: { password: "hunter2" } },
        req: { headers: { authorization: "Basic d2s6", cookie: "session=abc" } },
      },
      "starting with postgres://northstar:s3cret@db:5432/app",
    );
    log.error({ err: new Error("connect failed for postgresql://admin:topsecret@10.0.0.1/x") }, "no database");
    const text = JSON.stringify(lines);
    for (const secret of ["sk-live-123", "u:p@mail", "hunter2", "d2s6", "session=abc", "s3cret", "topsecret"])
      expect(text).not.toContain(secret);
    expect(text).toContain("postgres://northstar:[redacted]@db:5432/app");
  });

  it("keeps a URL without a password as it is", () => {
    expect(scrubCredentials("http://localhost:3000/a@b")).toBe("http://localhost:3000/a@b");
    expect(scrubCredentials("see https://example.test")).toBe("see https://example.test");
  });
});

describe("request ids", () => {
  it("take the caller's x-request-id when it is a plain token, else make one", () => {
    expect(requestIdOf(new Headers({ "x-request-id": "lb-7f3a:42" }))).toBe("lb-7f3a:42");
    for (const given of [undefined, "", "a b", "<script>", "x".repeat(129)]) {
      const id = requestIdOf(new Headers(given === undefined ? {} : { "x-request-id": given }));
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
