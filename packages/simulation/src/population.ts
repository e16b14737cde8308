import { type PastSend, seededRandom } from "@northstar/agent";
import type { CustomerView } from "@northstar/engine";
import type { SyntheticProfile } from "./settings";

/** A customer of the simulated population, with the sends they already received (caps count them). */
export interface SimulatedCustomer extends CustomerView {
  priorSends?: PastSend[];
}

const pick = <T>(items: readonly T[], random: () => number): T =>
  items[Math.min(items.length - 1, Math.floor(random() * items.length))] as T;

/** `size` customers drawn from the mix (shares = weights), the same for the same seed. */
export function syntheticPopulation(mix: readonly SyntheticProfile[], size: number, seed: number): SimulatedCustomer[] {
  const random = seededRandom(seed ^ 0x51a7);
  const total = mix.reduce((sum, p) => sum + p.weight, 0);
  const customers: SimulatedCustomer[] = [];
  for (let i = 0; i < size; i++) {
    let roll = random() * total;
    let profile = mix[mix.length - 1] as SyntheticProfile;
    for (const candidate of mix) {
      roll -= candidate.weight;
      if (roll < 0) {
        profile = candidate;
        break;
      }
    }
    const id = `sim-${i + 1}`;
    customers.push({
      id,
      email: random() < profile.hasEmail ? `${id}@example.invalid` : null,
      phone: random() < profile.hasPhone ? `+1555${String(i).padStart(7, "0")}` : null,
      timeZone: pick(profile.timeZones, random),
      consent: {
        email: random() < profile.consent.email,
        sms: random() < profile.consent.sms,
        push: random() < profile.consent.push,
      },
      traits: { ...profile.traits, profile: profile.name },
      unsubscribedAt: random() < profile.unsubscribed ? new Date(0) : null,
    });
  }
  return customers;
}
