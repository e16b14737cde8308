import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { canTraverse, resolveDataDir } from "./data-dir";
import { isRoot } from "./server-user";

const stranger = { uid: 424242, gid: 424242, groups: [] };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function privateDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "northstar-datadir-"));
  dirs.push(dir);
  chmodSync(dir, 0o700);
  return dir;
}

describe("canTraverse", () => {
  it("refuses a path below a directory without the execute bit for others", () => {
    const dir = privateDir();
    expect(canTraverse(path.join(dir, "postgres"), stranger)).toBe(false);
  });

  it("accepts the same path once the directory is o+x", () => {
    const dir = privateDir();
    chmodSync(dir, 0o711);
    expect(canTraverse(path.join(dir, "postgres"), stranger)).toBe(true);
  });

  it("accepts a private directory for its owner", () => {
    const dir = privateDir();
    const { uid, gid } = statSync(dir);
    expect(canTraverse(dir, { uid, gid, groups: [gid] })).toBe(true);
  });
});

describe.runIf(isRoot())("resolveDataDir as root", () => {
  it("falls back to a reachable /tmp directory with a message when the preferred one is unreachable", () => {
    const dir = privateDir();
    const messages: string[] = [];
    const resolved = resolveDataDir(path.join(dir, "nested", "postgres"), (m) => messages.push(m));
    expect(resolved.fallbackFrom).toBe(path.join(dir, "nested", "postgres"));
    expect(resolved.dir.startsWith("/tmp/northstar-postgres-")).toBe(true);
    expect(messages.join("\n")).toContain("cannot reach");
    expect(statSync(path.dirname(resolved.dir)).mode & 0o777).toBe(0o755);
    dirs.push(path.dirname(resolved.dir));
  });

  it("keeps a preferred directory whose parents are reachable and creates them with mode 755", () => {
    const dir = privateDir();
    chmodSync(dir, 0o755);
    mkdirSync(path.join(dir, "a"), { mode: 0o755 });
    const resolved = resolveDataDir(path.join(dir, "a", "b", "postgres"), () => {});
    expect(resolved).toEqual({ dir: path.join(dir, "a", "b", "postgres") });
    expect(statSync(path.join(dir, "a", "b")).mode & 0o777).toBe(0o755);
  });
});
