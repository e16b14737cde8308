import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("passwords", () => {
  it("verifies the password a hash was made from and rejects another", async () => {
    const hash = await hashPassword("northstar-admin");
    expect(hash).not.toContain("northstar-admin");
    expect(await verifyPassword("northstar-admin", hash)).toBe(true);
    expect(await verifyPassword("northstar-admin!", hash)).toBe(false);
  });
});
