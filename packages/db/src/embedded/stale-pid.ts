import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

export interface RunningPostmaster {
  pid: number;
  port: number;
  /** Its starting process is gone (the server was re-parented): whoever reuses it may stop it. */
  orphaned: boolean;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** On Linux, checks that `pid` really is a postgres serving `dataDir` (pids are reused, notably in containers). */
function servesDataDir(pid: number, dataDir: string): boolean {
  const cmdlinePath = `/proc/${pid}/cmdline`;
  if (!existsSync(cmdlinePath)) return !existsSync("/proc");
  const args = readFileSync(cmdlinePath, "utf8").split("\0");
  return args.some((a) => a.endsWith("postgres")) && args.includes(path.resolve(dataDir));
}

function parentPid(pid: number): number | undefined {
  try {
    // Fields after the command name (which may contain spaces) in /proc/<pid>/stat: state, ppid, ...
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/** Started by a Node process that still runs (another Northstar process) or not (killed, re-parented)? */
function isOrphaned(pid: number): boolean {
  const ppid = parentPid(pid);
  if (ppid === undefined) return false;
  if (ppid === 1) return true;
  try {
    return !readFileSync(`/proc/${ppid}/cmdline`, "utf8").includes("node");
  } catch {
    return true;
  }
}

/**
 * Looks at postmaster.pid before starting. A process killed with SIGKILL leaves either a server still running
 * (its child survives) or a lock file naming a dead or reused pid, which makes postgres refuse to start.
 * Returns the live server to reuse, or removes the stale file and returns undefined.
 */
export function inspectPostmasterPid(dataDir: string, log: (message: string) => void): RunningPostmaster | undefined {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && servesDataDir(pid, dataDir) && port > 0) {
    return { pid, port, orphaned: isOrphaned(pid) };
  }
  log(`[db] Removing stale ${file} (pid ${lines[0] ?? "?"} is not a running server for this data directory).`);
  rmSync(file, { force: true });
  return undefined;
}
