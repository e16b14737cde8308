import { createHmac, randomBytes } from "node:crypto";
import { isIP } from "node:net";
import type { PrismaClient } from "@northstar/db";
import { fetch } from "undici";
import { type ChannelAdapter, DeliveryError } from "./channel";
import { isPrivateAddress, webhookDispatcher } from "./webhook-network";

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
  "EADDRBLOCKED",
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

export interface WebhookOptions {
  timeoutMs?: number;
  /** Let webhooks reach loopback, private and link-local addresses (a self-hosted intranet receiver, tests). */
  allowPrivateNetworks?: boolean;
}

/** A literal private IP in the URL never goes through DNS, so it is checked here; names are checked at connect. */
function refuseLiteralPrivateHost(url: string) {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  } catch {
    throw new DeliveryError(`Webhook not sent: "${url}" is not a valid URL`, "not-sent");
  }
  if (isIP(host) && isPrivateAddress(host)) {
    throw new DeliveryError(`Webhook not sent (EADDRBLOCKED): ${host} is a private or reserved address`, "not-sent");
  }
}

/**
 * HTTP webhooks, signed (X-Northstar-Signature: t=<unix>,v1=<hex>) and keyed (Idempotency-Key), to public
 * addresses only unless `allowPrivateNetworks`. Failures:
 * - a private or reserved address, refused connection, DNS or certificate failure (nothing sent) and 4xx (the receiver refused it): `not-sent`;
 * - timeout, connection reset, 5xx or any other answer after the body was sent: `unknown` (quarantined, since the
 *   receiver may have acted on it).
 */
export function webhookAdapter(db: PrismaClient, options: WebhookOptions = {}): ChannelAdapter {
  const { timeoutMs = 10_000, allowPrivateNetworks = false } = options;
  const dispatcher = webhookDispatcher(allowPrivateNetworks);
  return {
    provider: "webhook",
    async send(message) {
      const [method = "POST", url = ""] = message.to.split(" ", 2);
      if (!allowPrivateNetworks) refuseLiteralPrivateHost(url);
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
        dispatcher,
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
