/** Enrollment states; ACTIVE, WAITING and REVIEW are "inside the journey". */
export const ENROLLMENT_STATES = ["ACTIVE", "WAITING", "REVIEW", "COMPLETED", "EXITED", "FAILED"] as const;
export type EnrollmentState = (typeof ENROLLMENT_STATES)[number];
export const OPEN_ENROLLMENT_STATES: EnrollmentState[] = ["ACTIVE", "WAITING", "REVIEW"];

/** Message states: STORED is the built-in outbox's delivery (no provider configured for the channel). */
export const MESSAGE_STATUSES = ["PENDING", "SENDING", "SENT", "STORED", "FAILED", "QUARANTINED", "DROPPED"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const DELIVERED_STATUSES: MessageStatus[] = ["SENT", "STORED"];

/** Event names of the Segment e-commerce/email spec that tracking produces. */
export const TRACKING_EVENTS = {
  opened: "Email Opened",
  clicked: "Email Link Clicked",
  unsubscribed: "Unsubscribed",
} as const;
