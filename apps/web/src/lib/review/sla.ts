/** How a waiting item stands against its SLA: due soon from three quarters of it, overdue once it has passed. */
export type SlaState = "ok" | "due-soon" | "overdue";

export function slaState(ageHours: number, slaHours: number): SlaState {
  if (ageHours >= slaHours) return "overdue";
  if (ageHours >= slaHours * 0.75) return "due-soon";
  return "ok";
}

/** "35 min", "5 h", "3 days": coarse enough to read at a glance in a queue. */
export function formatAge(hours: number): string {
  if (hours < 1) return `${Math.max(0, Math.floor(hours * 60))} min`;
  if (hours < 48) return `${Math.floor(hours)} h`;
  return `${Math.floor(hours / 24)} days`;
}

export function slaText(ageHours: number, slaHours: number): string {
  const state = slaState(ageHours, slaHours);
  if (state === "overdue")
    return `waiting ${formatAge(ageHours)}, ${formatAge(ageHours - slaHours)} past the ${slaHours} h SLA`;
  return `waiting ${formatAge(ageHours)} of ${slaHours} h SLA`;
}
