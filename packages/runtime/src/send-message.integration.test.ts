import { createServer, type Server } from "node:http";
import { type AddressInfo, createServer as createTcpServer, type Server as TcpServer } from "node:net";
import { randomUUID } from "node:crypto";
import { type TestDatabase, createWorkspace } from "@northstar/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChannelAdapter, DeliveryError, outboxAdapter } from "./channels/channel";
import type { ChannelRegistry } from "./channels/registry";
import { smtpAdapter } from "./channels/smtp";
import { webhookAdapter } from "./channels/webhook";
import { sendMessage } from "./execute/send-message";
import type { WithClient } from "./execute/step-tx";
import { createStepDatabase, type StepDatabase, startSmtpSink } from "./testing";

const listen = async <T extends Server | TcpServer>(server: T): Promise<{ server: T; port: number }> => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
};
const close = (server: Server | TcpServer) => new Promise<void>((resolve) => server.close(() => resolve()));

/** A free port nobody listens on: connecting is refused before anything is sent. */
async function closedPort(): Promise<number> {
  const { server, port } = await listen(createTcpServer());
  await close(server);
  return port;
}

/**
 * A minimal SMTP server that accepts everything up to the message's final dot, then drops the connection without
 * answering: the message was transmitted, whether it is delivered is unknown.
 */
async function startDroppingSmtp() {
  let messages = 0;
  const server = createTcpServer((socket) => {
    let data = false;
    let buffer = "";
    socket.write("220 dropper ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      if (data) {
        if (buffer.includes("\r\n.\r\n")) {
          messages++;
          socket.destroy();
        }
        return;
      }
      let end = buffer.indexOf("\r\n");
      while (end >= 0 && !data) {
        const line = buffer.slice(0, end).toUpperCase();
        buffer = buffer.slice(end + 2);
        if (line.startsWith("EHLO") || line.startsWith("HELO")) socket.write("250 dropper\r\n");
        else if (line.startsWith("DATA")) {
          data = true;
          socket.write("354 go ahead\r\n");
        } else if (line.startsWith("QUIT")) socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
        end = buffer.indexOf("\r\n");
      }
    });
    socket.on("error", () => undefined);
  });
  const { port } = await listen(server);
  return { url: `smtp://127.0.0.1:${port}`, messages: () => messages, close: () => close(server) };
}

describe("sendMessage", () => {
  let database: StepDatabase;
  let t: TestDatabase;
  let withClient: WithClient;
  let workspaceId: string;

  beforeAll(async () => {
    database = await createStepDatabase();
    ({ t, withClient } = database);
    workspaceId = (await createWorkspace(t.prisma)).id;
  });
  afterAll(async () => {
    await database?.close();
  });

  const message = (channel: string, to: string) =>
    t.prisma.message.create({
      data: {
        workspaceId,
        channel,
        to,
        subject: "Hi",
        body: "<p>Hello</p>",
        text: "Hello",
        idempotencyKey: randomUUID(),
        trackingToken: randomUUID(),
      },
    });
  const registry = (adapter: ChannelAdapter): ChannelRegistry => ({
    adapters: { email: adapter, webhook: adapter, sms: outboxAdapter },
    close: () => undefined,
  });
  const counting = (send: ChannelAdapter["send"]) => {
    const adapter = {
      provider: "test",
      calls: 0,
      send: (m: Parameters<ChannelAdapter["send"]>[0]) => {
        adapter.calls++;
        return send(m);
      },
    };
    return adapter;
  };
  const status = async (id: string) => (await t.prisma.message.findUniqueOrThrow({ where: { id } })).status;

  it("never sends twice when recording an accepted send fails: the message stays SENDING and the retry quarantines it", async () => {
    const m = await message("email", "ada@example.test");
    // PostgreSQL refuses NUL in text, so the provider accepts but the bookkeeping update fails.
    const adapter = counting(async () => ({ status: "SENT", provider: "test", providerMessageId: "id\u0000" }));
    const deps = { channels: registry(adapter), maxAttempts: 3 };
    await expect(sendMessage(deps, withClient, m.id)).rejects.toThrow();
    expect(await status(m.id)).toBe("SENDING");
    expect(await sendMessage(deps, withClient, m.id)).toBe("QUARANTINED");
    expect(adapter.calls).toBe(1);
  });

  it("keeps a manager's DROPPED or QUARANTINED made while the provider call was in flight", async () => {
    for (const manual of ["DROPPED", "QUARANTINED"]) {
      const m = await message("email", "ada@example.test");
      const adapter = counting(async () => {
        await t.prisma.message.update({ where: { id: m.id }, data: { status: manual } });
        return { status: "SENT", provider: "test", providerMessageId: "p1" };
      });
      expect(await sendMessage({ channels: registry(adapter), maxAttempts: 3 }, withClient, m.id)).toBe(manual);
      expect(await status(m.id)).toBe(manual);
    }
  });

  it("retries failures before anything was sent and quarantines those whose delivery is unknown", async () => {
    const notSent = await message("email", "a@example.test");
    const failing = counting(async () => {
      throw new DeliveryError("refused", "not-sent");
    });
    const deps = { channels: registry(failing), maxAttempts: 2 };
    await expect(sendMessage(deps, withClient, notSent.id)).rejects.toThrow(/attempt 1\/2/);
    expect(await status(notSent.id)).toBe("FAILED");
    expect(await sendMessage(deps, withClient, notSent.id)).toBe("QUARANTINED"); // attempts exhausted

    const unknown = await message("email", "b@example.test");
    const timingOut = counting(async () => {
      throw new Error("socket hang up");
    });
    expect(await sendMessage({ channels: registry(timingOut), maxAttempts: 5 }, withClient, unknown.id)).toBe(
      "QUARANTINED",
    );
    const row = await t.prisma.message.findUniqueOrThrow({ where: { id: unknown.id } });
    expect(row.lastError).toMatch(/Delivery unknown/);
    expect(timingOut.calls).toBe(1);
  });

  describe("webhooks", () => {
    let http: Server;
    let url: string;
    const received: string[] = [];

    beforeAll(async () => {
      const started = await listen(
        createServer((req, res) => {
          req.resume(); // read the whole body before answering
          req.on("end", () => {
            received.push(req.url ?? "");
            if (req.url === "/ok") res.writeHead(200).end("{}");
            else if (req.url === "/400") res.writeHead(400).end("bad");
            else if (req.url === "/503") res.writeHead(503).end("down");
            else if (req.url === "/reset") req.socket.destroy();
            // "/hang": never answers
          });
        }),
      );
      http = started.server;
      url = `http://127.0.0.1:${started.port}`;
    });
    afterAll(async () => {
      http.closeAllConnections();
      await close(http);
    });

    const send = async (path: string, base = url, allowPrivateNetworks = true) => {
      const m = await message("webhook", `POST ${base}${path}`);
      const adapter = webhookAdapter(t.prisma, { timeoutMs: 500, allowPrivateNetworks });
      const deps = { channels: registry(adapter), maxAttempts: 3 };
      const outcome = await sendMessage(deps, withClient, m.id).catch((error: Error) => `threw: ${error.message}`);
      return { outcome, status: await status(m.id) };
    };

    it("delivers a 2xx", async () => {
      expect(await send("/ok")).toEqual({ outcome: "SENT", status: "SENT" });
    });

    it("retries a refused connection and a 4xx (nothing was accepted)", async () => {
      const refused = await send("/ok", `http://127.0.0.1:${await closedPort()}`);
      expect(refused.status).toBe("FAILED");
      expect(refused.outcome).toMatch(/threw: .*not sent \(ECONNREFUSED\)/);
      expect(await send("/400")).toMatchObject({ status: "FAILED" });
    });

    it("refuses private and loopback receivers by default, by address or by name, without sending", async () => {
      const before = received.length;
      const port = new URL(url).port;
      for (const base of [url, `http://localhost:${port}`, `http://[::1]:${port}`, "http://169.254.169.254"]) {
        const refused = await send("/ok", base, false);
        expect(refused.status, base).toBe("FAILED");
        expect(refused.outcome, base).toMatch(/not sent \(EADDRBLOCKED\)|private or reserved/);
      }
      expect(received.length).toBe(before);
    });

    it("quarantines a 5xx, a reset and a timeout after the body was sent", async () => {
      for (const path of ["/503", "/reset", "/hang"]) {
        expect(await send(path), path).toEqual({ outcome: "QUARANTINED", status: "QUARANTINED" });
      }
      expect(received).toEqual(expect.arrayContaining(["/503", "/reset", "/hang"]));
    });
  });

  describe("SMTP", () => {
    const send = async (smtpUrl: string) => {
      const m = await message("email", "ada@example.test");
      const adapter = smtpAdapter(smtpUrl, "shop@example.test");
      try {
        const outcome = await sendMessage({ channels: registry(adapter), maxAttempts: 3 }, withClient, m.id).catch(
          (error: Error) => `threw: ${error.message}`,
        );
        return { outcome, status: await status(m.id) };
      } finally {
        adapter.close();
      }
    };

    it("retries a refused connection and a refusal the server answered", async () => {
      expect(await send(`smtp://127.0.0.1:${await closedPort()}`)).toMatchObject({ status: "FAILED" });
      const sink = await startSmtpSink();
      try {
        sink.setFailing(true);
        expect(await send(sink.url)).toMatchObject({ status: "FAILED" });
        sink.setFailing(false);
        expect(await send(sink.url)).toEqual({ outcome: "SENT", status: "SENT" });
      } finally {
        await sink.close();
      }
    });

    it("quarantines a connection lost after the message was transmitted", async () => {
      const dropper = await startDroppingSmtp();
      try {
        expect(await send(dropper.url)).toEqual({ outcome: "QUARANTINED", status: "QUARANTINED" });
        expect(dropper.messages()).toBe(1);
      } finally {
        await dropper.close();
      }
    });
  });
});
