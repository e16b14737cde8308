import type { CustomerFeatures } from "../policy/types";
import { isFirstName, isIdentifying, isIdentifyingValue } from "./customer-features";

/**
 * What a workspace lets a model see of a customer: no traits at all, only the traits it lists, or every trait except
 * those the classifier recognises as personal (by name or by value). A first name is personal, but a brief may greet
 * the customer with it where `firstName` allows it.
 */
export interface ModelDataPolicy {
  traits: "none" | "allow_list" | "all_except_personal";
  /** Trait names (top level, or `parent.child`) a model may see under "allow_list"; personal ones are still left out. */
  allow: readonly string[];
  firstName: boolean;
}

export const DEFAULT_MODEL_DATA_POLICY: ModelDataPolicy = {
  traits: "all_except_personal",
  allow: [],
  firstName: false,
};

const MAX_TEXT = 80;

/**
 * The traits a prompt may carry under `policy`: scalar values at the top level and one level down (`parent.child`),
 * never a personal one (name patterns, email and phone shapes), the first name only where the policy allows it.
 */
export function modelFeatures(
  traits: Record<string, unknown>,
  policy: ModelDataPolicy = DEFAULT_MODEL_DATA_POLICY,
): CustomerFeatures {
  const features: CustomerFeatures = {};
  const allowed = new Set(policy.allow);
  const consider = (name: string, leaf: string, value: unknown) => {
    if (!["string", "number", "boolean"].includes(typeof value)) return;
    if (typeof value === "string" && (value.length === 0 || value.length > MAX_TEXT)) return;
    const firstName = isFirstName(leaf);
    if (firstName ? !policy.firstName : isIdentifying(leaf) || isIdentifyingValue(value)) return;
    if (!firstName && policy.traits === "none") return;
    if (!firstName && policy.traits === "allow_list" && !allowed.has(name)) return;
    features[name] = value as string | number | boolean;
  };
  for (const [name, value] of Object.entries(traits)) {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      if (isIdentifying(name)) continue;
      for (const [child, nested] of Object.entries(value as Record<string, unknown>)) {
        consider(`${name}.${child}`, child, nested);
      }
    } else {
      consider(name, name, value);
    }
  }
  return features;
}

/**
 * Features already free of personal traits (customerFeatures) narrowed to what `policy` lets a model see: none, the
 * listed ones (the time zone is a trait like any other here), or all of them.
 */
export function withinModelDataPolicy(features: CustomerFeatures, policy: ModelDataPolicy): CustomerFeatures {
  if (policy.traits === "all_except_personal") return features;
  if (policy.traits === "none") return {};
  const allowed = new Set(policy.allow);
  return Object.fromEntries(Object.entries(features).filter(([name]) => allowed.has(name)));
}
