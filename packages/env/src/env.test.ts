import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./index";

describe("parseEnv", () => {
  it("applies defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env.NEXTAUTH_URL).toBe("http://localhost:3000");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.WORKER_CONCURRENCY).toBe(5);
  });

  it("derives the app's URL from PORT when NEXTAUTH_URL is unset, and keeps an explicit one", () => {
    expect(parseEnv({ PORT: "4100" }).NEXTAUTH_URL).toBe("http://localhost:4100");
    expect(parseEnv({ PORT: "4100", NEXTAUTH_URL: "https://crm.example.com" }).NEXTAUTH_URL).toBe(
      "https://crm.example.com",
    );
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("names the variable and the problem for a bad value", () => {
    try {
      parseEnv({ DATABASE_URL: "mysql://x", WORKER_CONCURRENCY: "zero" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const message = (error as EnvError).message;
      expect(message).toContain("DATABASE_URL: must be a postgres:// or postgresql:// URL");
      expect(message).toContain("WORKER_CONCURRENCY");
    }
  });
});
