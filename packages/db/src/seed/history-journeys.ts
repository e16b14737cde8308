import { define, e, g, type SeedDefinition } from "./history-graphs";

/**
 * The eligibility of the agent options that went stale: offered to the legacy plan only, which customers left when it
 * was retired (customers are on "basic" or "plus" now: history-decisions.ts), so live decisions keep them unchosen.
 */
const LEGACY_ONLY = [{ field: "plan", operator: "eq", value: "legacy" }];

/**
 * The demo estate of Acme Retail: a dozen journeys with the rot a real one accumulates. Each states its traffic
 * (entries per day, share of entries per edge) and what went stale (days since an edge last fired; null: never).
 */
export interface HistoryJourney {
  name: string;
  description: string;
  objective: "Repeat purchase" | "Trial conversion";
  owner: "marketer" | "manager" | "admin";
  tags: string[];
  status: "LIVE" | "PAUSED" | "DRAFT";
  /** Days ago the journey went live (liveSince). */
  liveDaysAgo?: number;
  /** Days ago v2 replaced v1 with the same edge ids (history must survive it). */
  republishedDaysAgo?: number;
  definition: SeedDefinition;
  entriesPerDay: number;
  /** Pauses as [from, to] days ago (to null: still paused); no customer enters while paused. */
  pauses?: Array<[number, number | null]>;
  /** Entries only between these days ago (a seasonal or drained journey); default from liveDaysAgo to today. */
  entryWindow?: [number, number];
  /** Share of a day's entries crossing each edge; 1 when absent. */
  shares?: Record<string, number>;
  /** Edges that stopped firing that many days ago, or never fired (null). */
  lastFired?: Record<string, number | null>;
  /** Customers still inside a node, entered that many days ago (what a prune preview must show). */
  waiting?: { nodeId: string; customers: number; enteredDaysAgo: number };
}

export const HISTORY_JOURNEYS: HistoryJourney[] = [
  {
    name: "Post-purchase follow-up",
    description: "After a first order, the agent picks the follow-up most likely to bring a second one.",
    objective: "Repeat purchase",
    owner: "marketer",
    tags: ["retention", "email"],
    status: "LIVE",
    liveDaysAgo: 170,
    entriesPerDay: 45,
    definition: define(
      [
        g.event("pp-entry", "First order", "Order Completed"),
        g.agent("pp-agent", "Best follow-up", "pp-thanks"),
        g.email("pp-thank-email", "Thank-you email", "Thank them and suggest care tips for what they bought."),
        g.email("pp-review-email", "Review request", "Ask for a review of the product they bought."),
        g.push("pp-cross-push", "Cross-sell push", "Complete the look: 10% off matching items."),
        g.waitFor("pp-wait", "Wait for second order", "Order Completed", 20_160),
        g.waitFor("pp-cross-wait", "Wait for next order", "Order Completed", 259_200),
        g.goal("pp-goal", "Second order"),
        g.exit("pp-exit", "No second order"),
      ],
      [
        e.next("pp-start", "pp-entry", "pp-agent"),
        e.option("pp-thanks", "pp-agent", "pp-thank-email", "Thank-you email", "Warm thanks with care tips."),
        e.option("pp-review", "pp-agent", "pp-review-email", "Review request", "Ask for a product review."),
        // Offered to the legacy plan only: it stopped firing when the plan was retired.
        e.option(
          "pp-cross",
          "pp-agent",
          "pp-cross-push",
          "Cross-sell push",
          "A push with matching items.",
          LEGACY_ONLY,
        ),
        e.next("pp-thanks-wait", "pp-thank-email", "pp-wait"),
        e.next("pp-review-wait", "pp-review-email", "pp-wait"),
        e.next("pp-cross-next", "pp-cross-push", "pp-cross-wait"),
        e.next("pp-cross-goal", "pp-cross-wait", "pp-goal"),
        e.timeout("pp-cross-timeout", "pp-cross-wait", "pp-exit"),
        e.next("pp-converted", "pp-wait", "pp-goal"),
        e.timeout("pp-lapsed", "pp-wait", "pp-exit"),
      ],
    ),
    shares: {
      "pp-thanks": 0.5,
      "pp-review": 0.35,
      "pp-cross": 0.15,
      "pp-thanks-wait": 0.5,
      "pp-review-wait": 0.35,
      "pp-cross-next": 0.15,
      "pp-cross-goal": 0.03,
      "pp-converted": 0.25,
      "pp-lapsed": 0.6,
    },
    // The cross-sell push stopped being chosen 131 days ago; customers sent it still wait (180-day timeout).
    lastFired: { "pp-cross": 131, "pp-cross-next": 131, "pp-cross-goal": 126, "pp-cross-timeout": null },
    waiting: { nodeId: "pp-cross-wait", customers: 3, enteredDaysAgo: 140 },
  },
  {
    name: "Welcome series",
    description: "New sign-ups get a welcome, then the agent picks the best second touch.",
    objective: "Trial conversion",
    owner: "marketer",
    tags: ["onboarding", "email"],
    status: "LIVE",
    liveDaysAgo: 176,
    entriesPerDay: 60,
    definition: define(
      [
        g.event("ws-entry", "Signed up", "Signed Up"),
        g.email("ws-welcome", "Welcome email", "Welcome them and show the three things to try first."),
        g.wait("ws-wait", "Wait 2 days", 2_880),
        g.agent("ws-agent", "Second touch", "ws-tips"),
        g.email("ws-tips-email", "Tips email", "Three tips to get value in the first week."),
        g.sms("ws-sms", "SMS reminder", "Your Acme trial is waiting. Reply STOP to opt out."),
        g.goal("ws-goal", "Subscribed"),
      ],
      [
        e.next("ws-start", "ws-entry", "ws-welcome"),
        e.next("ws-welcome-wait", "ws-welcome", "ws-wait"),
        e.next("ws-decide", "ws-wait", "ws-agent"),
        e.option("ws-tips", "ws-agent", "ws-tips-email", "Tips email", "Practical tips by email."),
        e.option("ws-sms-option", "ws-agent", "ws-sms", "SMS reminder", "A short SMS nudge."),
        e.next("ws-tips-goal", "ws-tips-email", "ws-goal"),
        e.next("ws-sms-goal", "ws-sms", "ws-goal"),
      ],
    ),
    shares: { "ws-tips": 0.7, "ws-sms-option": 0.3, "ws-tips-goal": 0.7, "ws-sms-goal": 0.3 },
  },
  {
    name: "New subscriber discount",
    description: "A one-off discount for every new sign-up (overlaps the welcome series).",
    objective: "Repeat purchase",
    owner: "manager",
    tags: ["onboarding", "promo"],
    status: "LIVE",
    liveDaysAgo: 158,
    entriesPerDay: 55,
    definition: define(
      [
        g.event("nd-entry", "Signed up", "Signed Up"),
        g.email("nd-email", "10% welcome code", "Here is 10% off your first order."),
        g.goal("nd-goal", "First order"),
      ],
      [e.next("nd-start", "nd-entry", "nd-email"), e.next("nd-done", "nd-email", "nd-goal")],
    ),
  },
  {
    name: "Cart abandonment (legacy rules)",
    description: "Imported if/then tree from the old tool: value, country and device splits.",
    objective: "Repeat purchase",
    owner: "marketer",
    tags: ["legacy", "cart"],
    status: "LIVE",
    liveDaysAgo: 178,
    entriesPerDay: 80,
    definition: define(
      [
        g.event("ca-entry", "Cart abandoned", "Cart Abandoned"),
        g.split("ca-value", "Cart value"),
        g.split("ca-country", "Country"),
        g.split("ca-device", "Device"),
        g.email("ca-vip", "VIP reminder", "Your cart is saved; free express delivery today."),
        g.email("ca-fr", "French reminder", "Votre panier vous attend."),
        g.sms("ca-fr-sms", "French SMS", "Votre panier vous attend. STOP au 36111."),
        g.email("ca-std", "Standard reminder", "You left something in your cart."),
        g.push("ca-app", "App push", "Your cart is waiting in the app."),
        g.wait("ca-wait", "Wait 1 day", 1_440),
        g.goal("ca-goal", "Order placed"),
      ],
      [
        e.next("ca-start", "ca-entry", "ca-value"),
        e.rule("ca-high", "ca-value", "ca-vip", "value > 200", "cart.highValue", true),
        e.otherwise("ca-low", "ca-value", "ca-country"),
        e.rule("ca-is-fr", "ca-country", "ca-fr", "country = FR", "country", "FR"),
        e.otherwise("ca-not-fr", "ca-country", "ca-device"),
        e.rule("ca-mobile", "ca-device", "ca-app", "mobile app", "device.app", true),
        e.otherwise("ca-desktop", "ca-device", "ca-std"),
        e.next("ca-fr-follow", "ca-fr", "ca-fr-sms"),
        e.next("ca-vip-wait", "ca-vip", "ca-wait"),
        e.next("ca-fr-wait", "ca-fr-sms", "ca-wait"),
        e.next("ca-std-wait", "ca-std", "ca-wait"),
        e.next("ca-app-wait", "ca-app", "ca-wait"),
        e.next("ca-done", "ca-wait", "ca-goal"),
      ],
    ),
    shares: {
      "ca-high": 0.1,
      "ca-low": 0.9,
      "ca-not-fr": 0.9,
      "ca-mobile": 0.35,
      "ca-desktop": 0.55,
      "ca-vip-wait": 0.1,
      "ca-std-wait": 0.55,
      "ca-app-wait": 0.35,
    },
    lastFired: { "ca-is-fr": null, "ca-fr-follow": null, "ca-fr-wait": null, "ca-high": 104, "ca-vip-wait": 104 },
  },
  {
    name: "Win-back 90 days",
    description: "Customers without an order for 90 days get a come-back offer.",
    objective: "Repeat purchase",
    owner: "manager",
    tags: ["retention", "winback"],
    status: "LIVE",
    liveDaysAgo: 165,
    entriesPerDay: 25,
    entryWindow: [165, 112],
    definition: define(
      [
        g.segment("wb-entry", "Lapsed 90 days", "lapsed-90d"),
        g.agent("wb-agent", "Come-back offer", "wb-mail-option"),
        g.email("wb-mail", "We miss you", "We miss you: 15% off your next order this week."),
        g.sms("wb-sms", "Come-back SMS", "15% off this week at Acme. STOP to opt out."),
        g.waitFor("wb-wait", "Wait for order", "Order Completed", 10_080),
        g.goal("wb-goal", "Came back"),
        g.exit("wb-exit", "Still lapsed"),
      ],
      [
        e.next("wb-start", "wb-entry", "wb-agent"),
        e.option("wb-mail-option", "wb-agent", "wb-mail", "Email offer", "A come-back email."),
        e.option("wb-sms-option", "wb-agent", "wb-sms", "SMS offer", "A come-back SMS."),
        e.next("wb-mail-wait", "wb-mail", "wb-wait"),
        e.next("wb-sms-wait", "wb-sms", "wb-wait"),
        e.next("wb-back", "wb-wait", "wb-goal"),
        e.timeout("wb-lost", "wb-wait", "wb-exit"),
      ],
    ),
    shares: {
      "wb-mail-option": 0.7,
      "wb-sms-option": 0.3,
      "wb-mail-wait": 0.7,
      "wb-sms-wait": 0.3,
      "wb-back": 0.2,
      "wb-lost": 0.8,
    },
  },
  {
    name: "Birthday offer",
    description: "A birthday treat, sent at the hour each customer usually opens.",
    objective: "Repeat purchase",
    owner: "marketer",
    tags: ["lifecycle"],
    status: "LIVE",
    liveDaysAgo: 172,
    entriesPerDay: 12,
    definition: define(
      [
        g.event("bd-entry", "Birthday", "Birthday"),
        g.email("bd-email", "Birthday treat", "Happy birthday: a treat on us this week."),
        g.waitFor("bd-wait", "Wait for order", "Order Completed", 10_080),
        g.goal("bd-goal", "Birthday order"),
        g.exit("bd-exit", "No order"),
      ],
      [
        e.next("bd-start", "bd-entry", "bd-email"),
        e.next("bd-sent", "bd-email", "bd-wait"),
        e.next("bd-bought", "bd-wait", "bd-goal"),
        e.timeout("bd-none", "bd-wait", "bd-exit"),
      ],
    ),
    shares: { "bd-bought": 0.25, "bd-none": 0.75 },
  },
  {
    name: "Browse abandonment",
    description: "Viewed a product without buying: the agent picks email, SMS or nothing.",
    objective: "Repeat purchase",
    owner: "admin",
    tags: ["cart"],
    status: "LIVE",
    liveDaysAgo: 124,
    entriesPerDay: 120,
    definition: define(
      [
        g.event("ba-entry", "Product viewed", "Product Viewed"),
        g.wait("ba-wait", "Wait 4 hours", 240),
        g.agent("ba-agent", "Nudge or not", "ba-skip"),
        g.email("ba-email", "Still thinking?", "The product they viewed, with reviews."),
        g.sms("ba-sms", "Price-drop SMS", "The item you viewed is on sale. STOP to opt out."),
        g.exit("ba-done", "Done"),
      ],
      [
        e.next("ba-start", "ba-entry", "ba-wait"),
        e.next("ba-decide", "ba-wait", "ba-agent"),
        e.option("ba-mail", "ba-agent", "ba-email", "Email", "A reminder email with reviews."),
        e.option("ba-text", "ba-agent", "ba-sms", "SMS", "A price-drop SMS.", LEGACY_ONLY),
        e.option("ba-skip", "ba-agent", "ba-done", "Do nothing", "Leave the customer alone."),
        e.next("ba-mail-done", "ba-email", "ba-done"),
        e.next("ba-sms-done", "ba-sms", "ba-done"),
      ],
    ),
    shares: { "ba-mail": 0.45, "ba-text": 0.05, "ba-skip": 0.5, "ba-mail-done": 0.45, "ba-sms-done": 0.05 },
    lastFired: { "ba-text": 97, "ba-sms-done": 97 },
  },
  {
    name: "Back in stock",
    description: "Tell viewers when an item they looked at is back (same entry event as browse abandonment).",
    objective: "Repeat purchase",
    owner: "marketer",
    tags: ["cart"],
    status: "LIVE",
    liveDaysAgo: 100,
    // Paused for 20 days while the stock feed was rebuilt: running for 80 days, too briefly for stale branches.
    pauses: [[60, 40]],
    entriesPerDay: 30,
    definition: define(
      [
        g.event("bs-entry", "Product viewed", "Product Viewed"),
        g.waitFor("bs-wait", "Wait for restock", "Back In Stock", 43_200),
        g.email("bs-email", "It's back", "The item they wanted is back in stock."),
        g.goal("bs-goal", "Bought"),
        g.exit("bs-exit", "Never restocked"),
      ],
      [
        e.next("bs-start", "bs-entry", "bs-wait"),
        e.next("bs-restocked", "bs-wait", "bs-email"),
        e.timeout("bs-gone", "bs-wait", "bs-exit"),
        e.next("bs-sent", "bs-email", "bs-goal"),
      ],
    ),
    shares: { "bs-restocked": 0.3, "bs-gone": 0.7, "bs-sent": 0.3 },
  },
  {
    name: "Loyalty tier upgrade",
    description: "Paused while the loyalty programme is redesigned.",
    objective: "Repeat purchase",
    owner: "manager",
    tags: ["loyalty"],
    status: "PAUSED",
    liveDaysAgo: 175,
    pauses: [[120, null]],
    entriesPerDay: 8,
    entryWindow: [175, 120],
    definition: define(
      [
        g.event("lt-entry", "Tier reached", "Tier Upgraded"),
        g.email("lt-email", "Welcome to Gold", "Welcome to Gold: what changes for you."),
        g.goal("lt-goal"),
      ],
      [e.next("lt-start", "lt-entry", "lt-email"), e.next("lt-done", "lt-email", "lt-goal")],
    ),
  },
  {
    name: "Trial nurture",
    description: "Recent: trial users get one useful tip at a time (live for less than the stale period).",
    objective: "Trial conversion",
    owner: "marketer",
    tags: ["onboarding", "trial"],
    status: "LIVE",
    liveDaysAgo: 45,
    entriesPerDay: 40,
    definition: define(
      [
        g.event("tn-entry", "Trial started", "Trial Started"),
        g.agent("tn-agent", "Tip to send", "tn-setup"),
        g.email("tn-setup-email", "Setup tip", "Finish setup in two minutes."),
        g.email("tn-team-email", "Invite your team", "Invite a teammate to get more out of the trial."),
        g.goal("tn-goal", "Subscribed"),
      ],
      [
        e.next("tn-start", "tn-entry", "tn-agent"),
        e.option("tn-setup", "tn-agent", "tn-setup-email", "Setup tip", "How to finish setup."),
        // Offered to accounts of five seats or more, which no customer has had: it never fired.
        e.option("tn-team", "tn-agent", "tn-team-email", "Team invite", "Invite a teammate.", [
          { field: "seats", operator: "gte", value: 5 },
        ]),
        e.next("tn-setup-done", "tn-setup-email", "tn-goal"),
        e.next("tn-team-done", "tn-team-email", "tn-goal"),
      ],
    ),
    shares: { "tn-setup": 1, "tn-setup-done": 1 },
    lastFired: { "tn-team": null, "tn-team-done": null },
  },
  {
    name: "Trial expiry rescue",
    description: "Trials ending in three days; republished last month with a new email brief (same edge ids).",
    objective: "Trial conversion",
    owner: "manager",
    tags: ["trial"],
    status: "LIVE",
    liveDaysAgo: 150,
    republishedDaysAgo: 25,
    entriesPerDay: 20,
    definition: define(
      [
        g.event("tr-entry", "Trial ending", "Trial Ending"),
        g.agent("tr-agent", "Rescue offer", "tr-mail-option"),
        g.email("tr-email", "Keep your work", "Your trial ends in 3 days: keep everything with 20% off."),
        g.sms("tr-sms", "Last-day SMS", "Your Acme trial ends tomorrow. STOP to opt out."),
        g.goal("tr-goal", "Subscribed"),
      ],
      [
        e.next("tr-start", "tr-entry", "tr-agent"),
        e.option("tr-mail-option", "tr-agent", "tr-email", "Email offer", "Keep your work, 20% off."),
        e.option("tr-sms-option", "tr-agent", "tr-sms", "Last-day SMS", "A last-day SMS.", LEGACY_ONLY),
        e.next("tr-mail-done", "tr-email", "tr-goal"),
        e.next("tr-sms-done", "tr-sms", "tr-goal"),
      ],
    ),
    shares: { "tr-mail-option": 0.9, "tr-sms-option": 0.1, "tr-mail-done": 0.9, "tr-sms-done": 0.1 },
    lastFired: { "tr-sms-option": 118, "tr-sms-done": 118 },
  },
  {
    name: "Holiday campaign 2025",
    description: "Last season's gift guide, never switched off.",
    objective: "Repeat purchase",
    owner: "admin",
    tags: ["seasonal", "promo"],
    status: "LIVE",
    liveDaysAgo: 178,
    entriesPerDay: 150,
    entryWindow: [178, 140],
    definition: define(
      [
        g.segment("hc-entry", "All subscribers", "all-subscribers"),
        g.email("hc-guide", "Gift guide", "Our gift guide: ideas under 50."),
        g.wait("hc-wait", "Wait 3 days", 4_320),
        g.email("hc-last", "Last order date", "Last day to order for delivery before the holidays."),
        g.goal("hc-goal", "Holiday order"),
      ],
      [
        e.next("hc-start", "hc-entry", "hc-guide"),
        e.next("hc-sent", "hc-guide", "hc-wait"),
        e.next("hc-remind", "hc-wait", "hc-last"),
        e.next("hc-done", "hc-last", "hc-goal"),
      ],
    ),
  },
  {
    name: "Replenishment reminder",
    description: "Draft: remind customers when their consumables should be running out.",
    objective: "Repeat purchase",
    owner: "marketer",
    tags: ["retention"],
    status: "DRAFT",
    entriesPerDay: 0,
    definition: define(
      [
        g.event("rr-entry", "Order completed", "Order Completed"),
        g.wait("rr-wait", "Wait 30 days", 43_200),
        g.email("rr-email", "Time to restock?", "Running low? Reorder in one click."),
        g.goal("rr-goal", "Reordered"),
      ],
      [
        e.next("rr-start", "rr-entry", "rr-wait"),
        e.next("rr-due", "rr-wait", "rr-email"),
        e.next("rr-done", "rr-email", "rr-goal"),
      ],
    ),
  },
];
