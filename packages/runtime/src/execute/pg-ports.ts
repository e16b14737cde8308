import { randomBytes } from "node:crypto";
import type { CustomerView, DecisionPolicy, StepPorts } from "@northstar/engine";
import { type RenderedMessage, renderMessage } from "../channels/render";
import { type StepTx, sql } from "./step-tx";

/** A rendered message with the token its tracking links carry. */
export type Content = RenderedMessage & { trackingToken: string };

export interface PortContext {
  policy: DecisionPolicy;
  publicUrl: string;
  defaultTimeZone: string;
  enrollmentId: string;
  customer: CustomerView;
}

/** The engine's ports on PostgreSQL, read inside the step's transaction. */
export function pgPorts(tx: StepTx, ctx: PortContext): StepPorts<Content> {
  return {
    policy: ctx.policy,
    defaultTimeZone: ctx.defaultTimeZone,
    async decisionHistory() {
      return tx.rows<{ stepId: string; chosenEdgeId: string; at: Date }>(sql`
        select "stepId", "chosenEdgeId", "createdAt" at time zone 'UTC' as "at"
        from "Decision" where "enrollmentId" = ${ctx.enrollmentId} order by "seq"`);
    },
    async recentSends(channel, since) {
      const rows = await tx.rows<{ at: Date; journeyId: string | null }>(sql`
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
