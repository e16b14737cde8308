import { DELIVERABLE_FIELDS, GUARDRAIL_CODES } from "@northstar/agent";
import { z } from "zod";

/** What a human is asked about: an unsure agent decision, a deliverable that failed its lint, a review step. */
export const REVIEW_KINDS = ["decision", "deliverable", "step"] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export const REVIEW_STATUSES = ["PENDING", "APPROVED", "REJECTED"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Hours a review may wait before it is overdue, unless its review step says otherwise. */
export const DEFAULT_REVIEW_SLA_HOURS = 24;

export const guardrailBlocksSchema = z.array(
  z.object({
    code: z.enum(GUARDRAIL_CODES),
    reason: z.string(),
    /** Where in the message (content lint only); blocks stored before fields were named have none. */
    fields: z.array(z.enum(DELIVERABLE_FIELDS)).optional(),
  }),
);

/** The deliverable a failing lint held back, before the runtime adds tracking (placeholders still in the body). */
export const storedDeliverableSchema = z.object({
  channel: z.enum(["email", "sms", "push", "webhook"]),
  purpose: z.enum(["marketing", "transactional"]),
  subject: z.string().nullable(),
  body: z.string(),
  renderedBy: z.string(),
});
export type StoredDeliverable = z.infer<typeof storedDeliverableSchema>;

/** A reviewer's edit of a held deliverable: the fields given replace the proposal's. */
export const deliverableEditSchema = z
  .object({
    subject: z.string().trim().min(1, "must not be empty").max(300).optional(),
    body: z.string().trim().min(1, "must not be empty").max(20_000).optional(),
  })
  .refine((e) => e.subject !== undefined || e.body !== undefined, { message: "must change the subject or the body" });
export type DeliverableEdit = z.infer<typeof deliverableEditSchema>;

export const decisionOptionsSchema = z.array(z.object({ edgeId: z.string(), label: z.string() }));
/** Options removed before the policy chose; decisions logged before labels were stored have none. */
export const removedOptionsSchema = z.array(
  z.object({ edgeId: z.string(), label: z.string().optional(), reason: z.string() }),
);
export const scoresSchema = z.record(z.string(), z.number());

/** The deliverable to send after review: the proposal with the reviewer's edit over it. */
export function approvedDeliverable(proposal: StoredDeliverable, edit: DeliverableEdit | null): StoredDeliverable {
  if (!edit) return proposal;
  return {
    ...proposal,
    subject: edit.subject ?? proposal.subject,
    body: edit.body ?? proposal.body,
    renderedBy: `${proposal.renderedBy}+edited`,
  };
}
