import type { PrismaClient } from "@northstar/db";
import { type ChannelAdapter, outboxAdapter } from "./channel";
import { smtpAdapter } from "./smtp";
import { webhookAdapter } from "./webhook";

export interface ChannelConfig {
  smtpUrl?: string;
  emailFrom: string;
  /**
   * Base URL of the unsubscribe page, for marketing email's List-Unsubscribe header (the worker's PUBLIC_URL);
   * without it the header is left out.
   */
  publicUrl?: string;
  /** A mailbox for unsubscribe requests, added to List-Unsubscribe after the URL (UNSUBSCRIBE_MAILTO). */
  unsubscribeMailto?: string;
  /** Let webhooks reach private networks (WEBHOOK_ALLOW_PRIVATE_NETWORKS); off by default. */
  webhookAllowPrivateNetworks?: boolean;
}

export interface ChannelRegistry {
  adapters: Record<string, ChannelAdapter>;
  close(): void;
}

/**
 * The adapter per channel: SMTP when configured, else the built-in outbox. SMS and push have no provider
 * configured yet, so they go to the outbox too (an adapter for a provider plugs in here).
 */
export function createChannels(db: PrismaClient, config: ChannelConfig): ChannelRegistry {
  const smtp = config.smtpUrl
    ? smtpAdapter(
        config.smtpUrl,
        config.emailFrom,
        config.publicUrl ? { publicUrl: config.publicUrl, mailto: config.unsubscribeMailto ?? null } : null,
      )
    : null;
  return {
    adapters: {
      email: smtp ?? outboxAdapter,
      sms: outboxAdapter,
      push: outboxAdapter,
      webhook: webhookAdapter(db, { allowPrivateNetworks: config.webhookAllowPrivateNetworks }),
    },
    close: () => smtp?.close(),
  };
}
