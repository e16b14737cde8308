import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real HTTP server on 127.0.0.1 speaking the Chat Completions API, so tests exercise the actual `openai` SDK path:
 * request encoding, status handling, timeouts. `reply` decides each answer from the parsed request body.
 */
export type FakeReply =
  | { kind: "answer"; content: string; promptTokens?: number; completionTokens?: number; delayMs?: number }
  | { kind: "status"; status: number; body?: unknown }
  | { kind: "hang" };

export interface FakeOpenAi {
  baseURL: string;
  requests: { body: Record<string, unknown> }[];
  reply: (body: Record<string, unknown>) => FakeReply;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const fake: FakeOpenAi = {
    baseURL: "",
    requests: [],
    reply: () => ({ kind: "status", status: 500 }),
    close: async () => {},
  };
  const server: Server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(request);
    fake.requests.push({ body });
    const reply = fake.reply(body);
    if (reply.kind === "hang") return; // never answers: the client's timeout must fire
    response.setHeader("content-type", "application/json");
    if (reply.kind === "status") {
      response.statusCode = reply.status;
      response.end(JSON.stringify(reply.body ?? { error: { message: `status ${reply.status}`, type: "test" } }));
      return;
    }
    // A slow model: the answer comes after `delayMs`, so several calls are in flight at once.
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    response.end(
      JSON.stringify({
        id: `chatcmpl-${fake.requests.length}`,
        object: "chat.completion",
        created: 1_700_000_000,
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content: reply.content }, finish_reason: "stop" }],
        usage: {
          prompt_tokens: reply.promptTokens ?? 1_000,
          completion_tokens: reply.completionTokens ?? 100,
          total_tokens: (reply.promptTokens ?? 1_000) + (reply.completionTokens ?? 100),
        },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  fake.baseURL = `http://127.0.0.1:${port}/v1`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
