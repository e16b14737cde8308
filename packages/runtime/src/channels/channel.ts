/** A message as the adapters see it: already rendered, addressed and keyed. */
export interface OutgoingMessage {
  id: string;
  workspaceId: string;
  idempotencyKey: string;
  channel: string;
  to: string;
  subject: string | null;
  body: string;
  text: string | null;
  /**
   * For marketing email: the token of its one-click unsubscribe URL (RFC 8058), the message's tracking token.
   * Null for transactional messages and the other channels.
   */
  unsubscribeToken?: string | null;
}

export interface DeliveryResult {
  /** SENT: handed to a provider; STORED: kept in the built-in outbox (no provider for the channel). */
  status: "SENT" | "STORED";
  provider: string;
  providerMessageId: string | null;
}

/**
 * Whether a failed send may have reached the recipient:
 * - `not-sent`: it failed before anything was handed over (connection refused, DNS, authentication, a refusal the
 *   provider answered with). Retrying cannot duplicate it.
 * - `unknown`: it failed after the message (or request body) may have been handed over (timeout while waiting for
 *   the answer, connection reset, webhook 5xx). Retrying could send it twice, so it is quarantined for a manager.
 */
export type DeliveryFailure = "not-sent" | "unknown";

/** What adapters throw. Any other error is treated as `unknown`: when in doubt, never send twice. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly delivery: DeliveryFailure,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "DeliveryError";
  }
}

/** The failure class of anything a send threw: only a DeliveryError can say `not-sent`. */
export function deliveryFailureOf(error: unknown): DeliveryFailure {
  return error instanceof DeliveryError ? error.delivery : "unknown";
}

/**
 * One delivery channel. `send` throws a DeliveryError on failure: `not-sent` retries with backoff up to the maximum
 * attempts, then quarantines; `unknown` (and any other error) quarantines at once.
 */
export interface ChannelAdapter {
  readonly provider: string;
  /**
   * Set when delivering is storing the message row itself (the built-in outbox): the step that writes the message
   * then writes it delivered, in the same statement, with no send job. Nothing leaves the database, so there is no
   * provider call to guard against a second send.
   */
  readonly storesOnly?: DeliveryResult;
  send(message: OutgoingMessage): Promise<DeliveryResult>;
}

const STORED: DeliveryResult = { status: "STORED", provider: "outbox", providerMessageId: null };

/** Stores the message as delivered: the embedded default, so the whole loop works without any provider. */
export const outboxAdapter: ChannelAdapter = {
  provider: "outbox",
  storesOnly: STORED,
  async send() {
    return STORED;
  },
};
