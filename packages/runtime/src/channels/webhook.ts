import { createHmac, randomBytes } from "node:crypto";
import type { PrismaClient } from "@northstar/db";
import type { ChannelAdapter } from "./channel";

/** Signs `<timestamp>.<body>` with the workspace secret: receivers recompute it and reject old timestamps. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

async function workspaceSecret(db: PrismaClient, workspaceId: string): Promise<string> {
  const ws = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { webhookSecret: true } });
  if (ws.webhookSecret) return ws.webhookSecret;
  const secret = randomBytes(32).toString("hex");
  // Only the first writer wins, so concurrent first sends agree on one secret.
  await db.workspace.updateMany({ where: { id: workspaceId, webhookSecret: null }, data: { webhookSecret: secret } });
  const again = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { webhookSecret: true } });
  return again.webhookSecret ?? secret;
}

/** HTTP webhooks, signed (X-Northstar-Signature: t=<unix>,v1=<hex>) and keyed (Idempotency-Key). Non-2xx throws. */
export function webhookAdapter(db: PrismaClient, timeoutMs = 10_000): ChannelAdapter {
  return {
    provider: "webhook",
    async send(message) {
      const [method = "POST", url = ""] = message.to.split(" ", 2);
      const body = JSON.stringify({
        id: message.id,
        idempotencyKey: message.idempotencyKey,
        subject: message.subject,
        body: message.text ?? message.body,
      });
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = signWebhook(await workspaceSecret(db, message.workspaceId), timestamp, body);
      const response = await fetch(url, {
        method,
        body,
        headers: {
          "content-type": "application/json",
          "idempotency-key": message.idempotencyKey,
          "x-northstar-signature": `t=${timestamp},v1=${signature}`,
        },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`Webhook answered ${response.status}`);
      return { status: "SENT", provider: "webhook", providerMessageId: response.headers.get("x-request-id") };
    },
  };
}
