import { randomBytes } from "node:crypto";
import { type BudgetLedger, type LlmSettings, lintOutgoing, type ModelDataPolicy } from "@northstar/agent";
import {
  approvedDeliverable,
  deliverableEditSchema,
  type StoredDeliverable,
  storedDeliverableSchema,
} from "@northstar/core";
import type { CustomerView, DecisionHistoryItem, DecisionPolicy, SendIntent, StepPorts } from "@northstar/engine";
import type { Guardrails } from "@northstar/journey";
import { composeMessage, finishMessage, type RenderedMessage } from "../channels/render";
import { type StepSql, sql } from "./step-tx";

/** A rendered message with the token its tracking links carry and who wrote it (stored with the message). */
export type Content = RenderedMessage & { trackingToken: string; renderedBy: string };

export interface PortContext {
  policy: DecisionPolicy;
  publicUrl: string;
  defaultTimeZone: string;
  enrollmentId: string;
  seq: number;
  customer: CustomerView;
  /** The enrollment's decisions, oldest first: read with the enrollment (one round trip fewer for agent steps). */
  history: DecisionHistoryItem[];
  /** The guardrails messages are linted against (the plan's). */
  guardrails: Guardrails;
  /** Briefs are written by the model when set, within the live daily budget (the decisions' too). */
  llm?: {
    settings: LlmSettings;
    budget: BudgetLedger;
    dailyBudgetUsd: number;
    modelDataPolicy: ModelDataPolicy;
    objective: { name: string; description?: string };
  } | null;
  /** Every brief the model could not write (the template wrote it), with the reason, for the process's log. */
  onBriefFallback?: (event: { stepId: string; reason: string }) => void;
}

/** The engine's ports on PostgreSQL, and the deliverable a failed lint held back (stored with its review item). */
export interface PgPorts {
  ports: StepPorts<Content>;
  held(): StoredDeliverable | null;
}

export function pgPorts(db: StepSql, ctx: PortContext): PgPorts {
  let held: StoredDeliverable | null = null;

  /** The deliverable a reviewer approved for this transition, with their edit over it. */
  async function approved(intent: SendIntent): Promise<StoredDeliverable> {
    const item = await db.first<{ deliverable: unknown; edited: unknown }>(sql`
      select "deliverable", "edited" from "ReviewItem"
      where "enrollmentId" = ${ctx.enrollmentId} and "seq" = ${ctx.seq} and "status" = 'APPROVED'`);
    if (!item?.deliverable) {
      throw new Error(
        `Step ${intent.stepId} of ${ctx.enrollmentId} was approved, but no approved deliverable is stored`,
      );
    }
    const edit = item.edited ? deliverableEditSchema.parse(item.edited) : null;
    return approvedDeliverable(storedDeliverableSchema.parse(item.deliverable), edit);
  }

  const ports: StepPorts<Content> = {
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
    async prepareMessage(intent, options) {
      const trackingToken = randomBytes(18).toString("base64url");
      const finish = (message: { subject: string | null; body: string }, renderedBy: string) => ({
        ok: true as const,
        content: { ...finishMessage(message, intent.channel, ctx.publicUrl, trackingToken), trackingToken, renderedBy },
      });
      // A human approved (possibly edited) this very deliverable: it is sent as approved, not written again.
      if (options.approved) {
        const deliverable = await approved(intent);
        return finish(deliverable, deliverable.renderedBy);
      }
      const llm = ctx.llm;
      const composed = await composeMessage({
        config: intent.config,
        customer: ctx.customer,
        guardrails: ctx.guardrails,
        ...(llm
          ? {
              llm: {
                settings: llm.settings,
                budget: llm.budget,
                dailyBudgetUsd: llm.dailyBudgetUsd,
                now: () => new Date(),
              },
              modelDataPolicy: llm.modelDataPolicy,
              objective: llm.objective,
            }
          : {}),
      });
      if (composed.llmFallbackReason) {
        ctx.onBriefFallback?.({ stepId: intent.stepId, reason: composed.llmFallbackReason });
      }
      const message = { channel: intent.channel, purpose: intent.config.purpose, ...composed };
      const blocks = lintOutgoing(message, ctx.guardrails, intent.config.content);
      // A model failure is not an error (the template writes the message), but the message says it happened.
      const renderedBy = composed.llmFallbackReason
        ? `${composed.renderedBy} (llm fallback: ${composed.llmFallbackReason})`
        : composed.renderedBy;
      if (blocks.length === 0) return finish(composed, renderedBy);
      held = {
        channel: intent.channel,
        purpose: intent.config.purpose,
        subject: composed.subject,
        body: composed.body,
        renderedBy,
      };
      return { ok: false, blocks };
    },
  };
  return { ports, held: () => held };
}
