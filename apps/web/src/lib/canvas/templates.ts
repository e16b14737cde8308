import {
  definitionToFlow,
  JOURNEY_FORMAT_VERSION,
  type JourneyDefinition,
  type JourneyEdge,
  type JourneyNode,
} from "@northstar/journey";
import { autoLayout } from "./auto-layout";

/**
 * Starter journeys, each built around "agent decides" nodes: the workflow stays small and the agent chooses the
 * path, message or send time per customer. Every template compiles without errors once an objective is bound
 * (unit-tested), so a marketer starts from something publishable and edits the briefs.
 */
export interface JourneyTemplate {
  id: "welcome" | "win_back" | "cart_recovery";
  name: string;
  summary: string;
  build: () => JourneyDefinition;
}

const at = { x: 0, y: 0 };
const brief = (keyMessage: string, tone: string, extra: { maxDiscountPercent?: number } = {}) => ({
  mode: "brief" as const,
  keyMessage,
  tone,
  ...(extra.maxDiscountPercent !== undefined ? { offer: { maxDiscountPercent: extra.maxDiscountPercent } } : {}),
  requiredElements: ["unsubscribe_link", "cta"],
});
const email = (id: string, name: string, keyMessage: string, tone = "friendly", discount?: number): JourneyNode => ({
  id,
  kind: "message",
  position: at,
  name,
  config: {
    channel: "email",
    purpose: "marketing",
    content: brief(keyMessage, tone, { maxDiscountPercent: discount }),
  },
});
const sms = (id: string, name: string, keyMessage: string): JourneyNode => ({
  id,
  kind: "message",
  position: at,
  name,
  config: {
    channel: "sms",
    purpose: "marketing",
    content: { ...brief(keyMessage, "short and direct"), requiredElements: ["cta"] },
  },
});
const option = (id: string, source: string, target: string, label: string, description: string): JourneyEdge => ({
  id,
  source,
  target,
  option: { label, description, eligibility: [] },
});
const link = (id: string, source: string, target: string, sourceHandle?: string): JourneyEdge =>
  sourceHandle ? { id, source, target, sourceHandle } : { id, source, target };

function welcome(): JourneyDefinition {
  const nodes: JourneyNode[] = [
    {
      id: "entry",
      kind: "entry",
      position: at,
      name: "Signed up",
      config: { trigger: { type: "event", event: "signed_up", filters: [] }, reentry: "never", holdoutShare: 0.05 },
    },
    {
      id: "first-touch",
      kind: "agent",
      position: at,
      name: "Best first touch",
      config: {
        decides: "message",
        policy: "learning",
        exploration: 0.1,
        minConfidence: 0.6,
        fallbackOptionEdgeId: "opt-tour",
      },
    },
    email("email-tour", "Product tour email", "Show the three things new customers do in their first week."),
    email("email-story", "Customer story email", "Tell how a customer like them got value in one week."),
    sms("sms-nudge", "Setup nudge SMS", "One tap to finish setting up."),
    {
      id: "wait-activation",
      kind: "wait",
      position: at,
      name: "Wait for activation",
      config: { type: "until_event", event: "activated", timeoutMinutes: 4_320 },
    },
    { id: "goal", kind: "goal", position: at, name: "Activated", config: {} },
    {
      id: "follow-up",
      kind: "agent",
      position: at,
      name: "Follow up or let go",
      config: {
        decides: "path",
        policy: "learning",
        exploration: 0.1,
        minConfidence: 0.6,
        fallbackOptionEdgeId: "opt-stop",
      },
    },
    {
      id: "send-time",
      kind: "wait",
      position: at,
      name: "Agent picks send time",
      config: { type: "agent_send_time", windowHours: 24 },
    },
    email("email-help", "Offer help email", "Offer a 15-minute setup call.", "helpful"),
    { id: "exit", kind: "exit", position: at, name: "Not activated", config: { reason: "expired" } },
  ];
  const edges = [
    link("e-entry", "entry", "first-touch"),
    option(
      "opt-tour",
      "first-touch",
      "email-tour",
      "Product tour",
      "A guided tour of the core features, for customers who explore on their own.",
    ),
    option(
      "opt-story",
      "first-touch",
      "email-story",
      "Customer story",
      "Social proof, for customers who compare vendors.",
    ),
    option(
      "opt-sms",
      "first-touch",
      "sms-nudge",
      "SMS nudge",
      "A short SMS, for customers with SMS consent who ignore email.",
    ),
    link("e-tour", "email-tour", "wait-activation"),
    link("e-story", "email-story", "wait-activation"),
    link("e-sms", "sms-nudge", "wait-activation"),
    link("e-activated", "wait-activation", "goal"),
    link("e-timeout", "wait-activation", "follow-up", "timeout"),
    option(
      "opt-help",
      "follow-up",
      "send-time",
      "Offer help",
      "A personal offer of help, for customers who started but stalled.",
    ),
    option("opt-stop", "follow-up", "exit", "Let go", "Send nothing more: the customer showed no intent."),
    link("e-send-time", "send-time", "email-help"),
    link("e-help", "email-help", "exit"),
  ];
  return { formatVersion: JOURNEY_FORMAT_VERSION, nodes, edges };
}

function winBack(): JourneyDefinition {
  const nodes: JourneyNode[] = [
    {
      id: "entry",
      kind: "entry",
      position: at,
      name: "Lapsed 60 days",
      config: {
        trigger: { type: "segment", segmentId: "lapsed-60d", dailyAt: "10:00" },
        reentry: { afterDays: 180 },
        holdoutShare: 0.1,
      },
    },
    {
      id: "approach",
      kind: "agent",
      position: at,
      name: "Best way back",
      config: {
        decides: "path",
        policy: "both",
        exploration: 0.15,
        minConfidence: 0.6,
        fallbackOptionEdgeId: "opt-news",
      },
    },
    email("email-news", "What's new email", "Show what changed since they left."),
    email("email-offer", "Come-back offer email", "A limited come-back offer on their favourite category.", "warm", 15),
    {
      id: "review-offer",
      kind: "review",
      position: at,
      name: "Approve big discounts",
      config: { approverRole: "manager", slaHours: 24 },
    },
    {
      id: "wait-return",
      kind: "wait",
      position: at,
      name: "Wait for a purchase",
      config: { type: "until_event", event: "order_completed", timeoutMinutes: 10_080 },
    },
    { id: "goal", kind: "goal", position: at, name: "Came back", config: {} },
    { id: "exit", kind: "exit", position: at, name: "Still lapsed", config: { reason: "expired" } },
  ];
  const edges = [
    link("e-entry", "entry", "approach"),
    option(
      "opt-news",
      "approach",
      "email-news",
      "What's new",
      "News and improvements, for customers who left without complaint.",
    ),
    option(
      "opt-offer",
      "approach",
      "review-offer",
      "Come-back offer",
      "A discount, for price-sensitive customers; a manager approves it.",
    ),
    option("opt-none", "approach", "exit", "Leave alone", "Send nothing: contact would likely cause an unsubscribe."),
    link("e-approved", "review-offer", "email-offer"),
    link("e-rejected", "review-offer", "email-news", "rejected"),
    link("e-news", "email-news", "wait-return"),
    link("e-offer", "email-offer", "wait-return"),
    link("e-returned", "wait-return", "goal"),
    link("e-timeout", "wait-return", "exit", "timeout"),
  ];
  return { formatVersion: JOURNEY_FORMAT_VERSION, nodes, edges };
}

function cartRecovery(): JourneyDefinition {
  const nodes: JourneyNode[] = [
    {
      id: "entry",
      kind: "entry",
      position: at,
      name: "Cart abandoned",
      config: {
        trigger: {
          type: "event",
          event: "cart_abandoned",
          filters: [{ property: "cart_value", operator: "gte", value: 20 }],
        },
        reentry: { afterDays: 7 },
        holdoutShare: 0.05,
      },
    },
    {
      id: "wait-first",
      kind: "wait",
      position: at,
      name: "Give them an hour",
      config: { type: "until_event", event: "order_completed", timeoutMinutes: 60 },
    },
    {
      id: "reminder",
      kind: "agent",
      position: at,
      name: "Best reminder",
      config: {
        decides: "channel",
        policy: "learning",
        exploration: 0.1,
        minConfidence: 0.6,
        fallbackOptionEdgeId: "opt-email",
      },
    },
    email("email-cart", "Cart reminder email", "Their cart is saved; show the items and one-click checkout."),
    sms("sms-cart", "Cart reminder SMS", "Your cart is waiting: one tap to check out."),
    {
      id: "push-cart",
      kind: "message",
      position: at,
      name: "Cart reminder push",
      config: {
        channel: "push",
        purpose: "marketing",
        content: { mode: "brief", keyMessage: "Your cart is waiting.", tone: "brief", requiredElements: ["cta"] },
      },
    },
    {
      id: "wait-order",
      kind: "wait",
      position: at,
      name: "Wait for the order",
      config: { type: "until_event", event: "order_completed", timeoutMinutes: 1_440 },
    },
    {
      id: "incentive",
      kind: "agent",
      position: at,
      name: "Incentive or not",
      config: {
        decides: "message",
        policy: "learning",
        exploration: 0.1,
        minConfidence: 0.6,
        fallbackOptionEdgeId: "opt-no-discount",
      },
    },
    email("email-discount", "Small discount email", "A small discount to complete the order today.", "friendly", 10),
    email("email-social", "Reviews email", "Show reviews of the items in the cart.", "reassuring"),
    {
      id: "wait-last",
      kind: "wait",
      position: at,
      name: "Last chance window",
      config: { type: "until_event", event: "order_completed", timeoutMinutes: 2_880 },
    },
    { id: "goal", kind: "goal", position: at, name: "Order completed", config: {} },
    { id: "exit", kind: "exit", position: at, name: "Cart expired", config: { reason: "expired" } },
  ];
  const edges = [
    link("e-entry", "entry", "wait-first"),
    link("e-ordered-early", "wait-first", "goal"),
    link("e-first-timeout", "wait-first", "reminder", "timeout"),
    option("opt-email", "reminder", "email-cart", "Email", "The cart with pictures, for customers who read email."),
    option(
      "opt-sms",
      "reminder",
      "sms-cart",
      "SMS",
      "A short SMS, for customers with SMS consent and a high cart value.",
    ),
    option("opt-push", "reminder", "push-cart", "Push", "A push notification, for app users."),
    link("e-email", "email-cart", "wait-order"),
    link("e-sms", "sms-cart", "wait-order"),
    link("e-push", "push-cart", "wait-order"),
    link("e-ordered", "wait-order", "goal"),
    link("e-order-timeout", "wait-order", "incentive", "timeout"),
    option(
      "opt-discount",
      "incentive",
      "email-discount",
      "Small discount",
      "Up to 10% off, for price-sensitive customers.",
    ),
    option(
      "opt-no-discount",
      "incentive",
      "email-social",
      "Reviews, no discount",
      "Reassurance without a discount, for hesitant customers.",
    ),
    link("e-discount", "email-discount", "wait-last"),
    link("e-social", "email-social", "wait-last"),
    link("e-last-ordered", "wait-last", "goal"),
    link("e-last-timeout", "wait-last", "exit", "timeout"),
  ];
  return { formatVersion: JOURNEY_FORMAT_VERSION, nodes, edges };
}

/** Positions are laid out once at build time so a template opens tidy. */
function laidOut(build: () => JourneyDefinition): () => JourneyDefinition {
  return () => {
    const definition = build();
    const flow = definitionToFlow(definition);
    const positions = new Map(autoLayout(flow).map((n) => [n.id, n.position]));
    return {
      ...definition,
      nodes: definition.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })),
    };
  };
}

export const JOURNEY_TEMPLATES: JourneyTemplate[] = [
  {
    id: "welcome",
    name: "Welcome",
    summary: "New sign-ups: the agent picks the first touch, then follows up or lets go.",
    build: laidOut(welcome),
  },
  {
    id: "win_back",
    name: "Win-back",
    summary: "Lapsed customers: news, an approved offer, or leave them alone.",
    build: laidOut(winBack),
  },
  {
    id: "cart_recovery",
    name: "Cart recovery",
    summary: "Abandoned carts: best channel first, then an incentive only when it pays.",
    build: laidOut(cartRecovery),
  },
];
