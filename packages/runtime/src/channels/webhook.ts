import { createHmac, randomBytes } from "node:crypto";
import type { PrismaClient } from "@northstar/db";
import { type ChannelAdapter, DeliveryError } from "./channel";

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

/** Connection failures that happen before any byte of the request is written (refused, DNS, TLS certificate). */
const BEFORE_REQUEST = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_INVALID_URL",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
]);

function causeCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && BEFORE_REQUEST.has(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Classifies a fetch failure: only connection failures before the request are `not-sent`. */
export function webhookFetchFailure(error: unknown): DeliveryError {
  const reason = error instanceof Error ? error.message : String(error);
  const code = causeCode(error);
  if (code) return new DeliveryError(`Webhook not sent (${code}): ${reason}`, "not-sent", { cause: error });
  const name = error instanceof Error ? error.name : "Error";
  return new DeliveryError(`Webhook delivery unknown (${name}): ${reason}`, "unknown", { cause: error });
}

/**
 * HTTP webhooks, signed (X-Northstar-Signature: t=<unix>,v1=<hex>) and keyed (Idempotency-Key). Failures:
 * - refused connection, DNS or certificate failure (nothing sent) and 4xx (the receiver refused it): `not-sent`;
 * - timeout, connection reset, 5xx or any other answer after the body was sent: `unknown` (quarantined, since the
 *   receiver may have acted on it).
 */
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
      const secret = await workspaceSecret(db, message.workspaceId).catch((error: unknown) => {
        throw new DeliveryError(`Webhook not sent: ${error instanceof Error ? error.message : error}`, "not-sent", {
          cause: error,
        });
      });
      const signature = signWebhook(secret, timestamp, body);
      const response = await fetch(url, {
        method,
        body,
        headers: {
          "content-type": "application/json",
          "idempotency-key": message.idempotencyKey,
          "x-northstar-signature": `t=${timestamp},v1=${signature}`,
        },
        signal: AbortSignal.timeout(timeoutMs),
      }).catch((error: unknown) => {
        throw webhookFetchFailure(error);
      });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        const refused = response.status >= 400 && response.status < 500;
        throw new DeliveryError(`Webhook answered ${response.status}`, refused ? "not-sent" : "unknown");
      }
      return { status: "SENT", provider: "webhook", providerMessageId: response.headers.get("x-request-id") };
    },
  };
}
