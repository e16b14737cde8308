import { z } from "zod";

export const MAX_POPULATION = 100_000;
export const MAX_HORIZON_DAYS = 365;

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const probability = z.number().min(0).max(1);
const traitValue = z.union([z.string().max(200), z.number(), z.boolean(), z.null()]);

/** One kind of customer in a synthetic population: each customer draws its zone, consent and addresses from it. */
export const syntheticProfileSchema = z.strictObject({
  name: z.string().min(1).max(80),
  /** Relative weight; the shares of the mix are weight / total weight. */
  weight: z.number().positive().max(1_000),
  /** Drawn uniformly; null = unknown zone (the workspace default applies). */
  timeZones: z.array(z.string().refine(isTimeZone, "must be an IANA time zone").nullable()).min(1).max(50),
  /** Probability that the customer consented, per channel. */
  consent: z.strictObject({ email: probability, sms: probability, push: probability }),
  /** Probability that the customer has an email address / a phone number. */
  hasEmail: probability,
  hasPhone: probability,
  /** Probability that the customer unsubscribed from marketing email. */
  unsubscribed: probability.default(0),
  traits: z.record(z.string().min(1).max(64), traitValue).default({}),
});
export type SyntheticProfile = z.infer<typeof syntheticProfileSchema>;

export const syntheticMixSchema = z.array(syntheticProfileSchema).min(1).max(20);

/**
 * How customers behave over the horizon. Each event is a Poisson process per customer with a constant daily
 * probability (the chance a customer fires it at least once on a given day); waits for an event and the objective
 * read it. `sendLift` multiplies the objective's daily probability after each message a customer receives (1 = the
 * messages change nothing, which is the default: without measured lift the projection is the base rate).
 */
export const behaviourSchema = z.strictObject({
  events: z.record(z.string().min(1).max(200), probability).default({}),
  defaultDailyProbability: probability.default(0.02),
  sendLift: z.number().min(0).max(10).default(1),
});
export type Behaviour = z.infer<typeof behaviourSchema>;
export type BehaviourInput = z.input<typeof behaviourSchema>;

/** What a simulation run needs besides the plan and the population. */
export const runSettingsSchema = z.strictObject({
  horizonDays: z.number().int().min(1).max(MAX_HORIZON_DAYS),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  /** The virtual clock's start (ISO); the first customer can enter then. */
  start: z.coerce.date(),
  /** Entries are spread uniformly over this many days from `start` (capped by the horizon). */
  entryDays: z.number().min(0).max(MAX_HORIZON_DAYS).default(1),
  behaviour: behaviourSchema.default({ events: {}, defaultDailyProbability: 0.02, sendLift: 1 }),
  defaultTimeZone: z.string().refine(isTimeZone, "must be an IANA time zone").default("UTC"),
  /** Bootstrap resamples behind the objective's interval. */
  bootstrapSamples: z.number().int().min(20).max(2_000).default(200),
});
export type RunSettings = z.infer<typeof runSettingsSchema>;
export type RunSettingsInput = z.input<typeof runSettingsSchema>;

/** A mix for workspaces without customers, or to ask "what if": three common kinds of CRM contacts. */
export const DEFAULT_SYNTHETIC_MIX: SyntheticProfile[] = [
  {
    name: "Engaged, Europe",
    weight: 3,
    timeZones: ["Europe/Paris", "Europe/London", "Europe/Berlin"],
    consent: { email: 0.95, sms: 0.5, push: 0.4 },
    hasEmail: 1,
    hasPhone: 0.7,
    unsubscribed: 0,
    traits: { plan: "trial", segment: "engaged" },
  },
  {
    name: "Casual, Americas",
    weight: 4,
    timeZones: ["America/New_York", "America/Chicago", "America/Los_Angeles", "America/Sao_Paulo"],
    consent: { email: 0.85, sms: 0.3, push: 0.2 },
    hasEmail: 1,
    hasPhone: 0.5,
    unsubscribed: 0.05,
    traits: { plan: "trial", segment: "casual" },
  },
  {
    name: "Unknown zone, low consent",
    weight: 3,
    timeZones: [null, "Asia/Tokyo", "Australia/Sydney"],
    consent: { email: 0.6, sms: 0.1, push: 0.1 },
    hasEmail: 0.9,
    hasPhone: 0.3,
    unsubscribed: 0.1,
    traits: { plan: "free", segment: "dormant" },
  },
];
