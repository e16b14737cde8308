import type { Role } from "@northstar/db";

/** Areas of the app and the roles that may use them. One table, read by navigation and by procedures alike. */
export const AREA_ROLES = {
  journeys: ["ADMIN", "MANAGER", "MARKETER"],
  reviewQueue: ["ADMIN", "MANAGER", "MARKETER"],
  dashboard: ["ADMIN", "MANAGER"],
  admin: ["ADMIN"],
  customers: ["ADMIN", "MANAGER", "MARKETER"],
  outbox: ["ADMIN", "MANAGER", "MARKETER"],
  /** Retrying or dropping a failed send is a manager's call. */
  quarantine: ["ADMIN", "MANAGER"],
  /** Write keys let outside systems send events into the workspace. */
  writeKeys: ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Area = keyof typeof AREA_ROLES;

export function canAccess(role: Role, area: Area): boolean {
  return (AREA_ROLES[area] as readonly Role[]).includes(role);
}

export function hasRole(role: Role, allowed: readonly Role[]): boolean {
  return allowed.includes(role);
}
