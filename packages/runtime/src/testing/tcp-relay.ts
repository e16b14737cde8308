import { createServer, type Server, type Socket, connect } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP relay on a fixed local port in front of a server whose port may change (an embedded PostgreSQL restarted
 * on a new free port), so clients keep one connection string across the restart, as they would with a real host.
 * Connections made while no target is set are refused (closed at once), like a database that is down.
 */
export async function startTcpRelay(): Promise<{
  port: number;
  setTarget(port: number | null): void;
  close(): Promise<void>;
}> {
  let target: number | null = null;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    if (target === null) {
      client.destroy();
      return;
    }
    const upstream = connect(target, "127.0.0.1");
    sockets.add(upstream);
    upstream.on("close", () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on("error", () => upstream.destroy());
    client.on("close", () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    setTarget(port) {
      target = port;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
