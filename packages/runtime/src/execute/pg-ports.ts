import { randomBytes } from "node:crypto";
import type { CustomerView, DecisionHistoryItem, DecisionPolicy, StepPorts } from "@northstar/engine";
import { type RenderedMessage, renderMessage } from "../channels/render";
import { type StepSql, sql } from "./step-tx";

/** A rendered message with the token its tracking links carry. */
export type Content = RenderedMessage & { trackingToken: string };

export interface PortContext {
  policy: DecisionPolicy;
  publicUrl: string;
  defaultTimeZone: string;
  customer: CustomerView;
  /** The enrollment's decisions, oldest first: read with the enrollment (one round trip fewer for agent steps). */
  history: DecisionHistoryItem[];
}

/** The engine's ports on PostgreSQL. */
export function pgPorts(db: StepSql, ctx: PortContext): StepPorts<Content> {
  return {
    policy: ctx.policy,
    defaultTimeZone: ctx.defaultTimeZone,
    async decisionHistory() {
      return ctx.history;
    },
    async recentSends(channel, since) {
      const rows = await db.rows<{ at: Date; journeyId: string | null }>(sql`
        select "createdAt" at time zone 'UTC' as "at", "journeyId" from "Message"
        where "customerId" = ${ctx.customer.id} and "channel" = ${channel} and "createdAt" >= ${since}
          and "status" <> 'DROPPED'`);
      return rows.map((m) => ({ channel, at: m.at, journeyId: m.journeyId ?? "" }));
    },
    async prepareMessage(intent) {
      const trackingToken = randomBytes(18).toString("base64url");
      const rendered = renderMessage({
        config: intent.config,
        customer: ctx.customer,
        publicUrl: ctx.publicUrl,
        trackingToken,
      });
      return { ok: true, content: { ...rendered, trackingToken } };
    },
  };
}
