import type { PrismaClient } from "@northstar/db";
import { describe, expect, it } from "vitest";
import { authenticateWriteKey, hashWriteKey, WRITE_KEY_CACHE_LIMIT, writeKeyCacheSize } from "./write-keys";

/** A stand-in for the one table the lookup reads: every key starting "good" is valid. */
function fakeDb() {
  const lookups: string[] = [];
  const validHashes = new Set<string>();
  const db = {
    writeKey: {
      async findUnique({ where }: { where: { hash: string } }) {
        lookups.push(where.hash);
        const valid = validHashes.has(where.hash);
        return valid ? { id: where.hash, workspaceId: "ws", revokedAt: null, lastUsedAt: new Date() } : null;
      },
      async update() {},
    },
  };
  return { db: db as unknown as PrismaClient, lookups, allow: (key: string) => validHashes.add(hashWriteKey(key)) };
}

describe("authenticateWriteKey cache", () => {
  it("does not cache unknown keys, so a flood of random keys leaves it empty", async () => {
    const { db, lookups } = fakeDb();
    const before = writeKeyCacheSize();
    for (let i = 0; i < 50; i++) expect(await authenticateWriteKey(db, `random-${i}`)).toBeNull();
    expect(await authenticateWriteKey(db, "random-0")).toBeNull();
    expect(lookups).toHaveLength(51);
    expect(writeKeyCacheSize()).toBe(before);
  });

  it("caches valid keys, at most WRITE_KEY_CACHE_LIMIT of them, evicting the least recently used", async () => {
    const { db, lookups, allow } = fakeDb();
    for (let i = 0; i <= WRITE_KEY_CACHE_LIMIT + 200; i++) allow(`good-${i}`);
    expect(await authenticateWriteKey(db, "good-0")).toBe("ws");
    for (let i = 1; i <= WRITE_KEY_CACHE_LIMIT + 200; i++) {
      await authenticateWriteKey(db, `good-${i}`);
      if (i % 100 === 0) await authenticateWriteKey(db, "good-0"); // keeps it recently used
    }
    expect(writeKeyCacheSize()).toBe(WRITE_KEY_CACHE_LIMIT);
    const count = lookups.length;
    expect(await authenticateWriteKey(db, "good-0")).toBe("ws");
    expect(lookups).toHaveLength(count); // still cached
    expect(await authenticateWriteKey(db, "good-1")).toBe("ws");
    expect(lookups).toHaveLength(count + 1); // evicted, looked up again
  });
});
