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
}

export interface DeliveryResult {
  /** SENT: handed to a provider; STORED: kept in the built-in outbox (no provider for the channel). */
  status: "SENT" | "STORED";
  provider: string;
  providerMessageId: string | null;
}

/** One delivery channel. `send` throws on failure; the send task retries with backoff, then quarantines. */
export interface ChannelAdapter {
  readonly provider: string;
  send(message: OutgoingMessage): Promise<DeliveryResult>;
}

/** Stores the message as delivered: the embedded default, so the whole loop works without any provider. */
export const outboxAdapter: ChannelAdapter = {
  provider: "outbox",
  async send() {
    return { status: "STORED", provider: "outbox", providerMessageId: null };
  },
};
