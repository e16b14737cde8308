/**
 * Which version the journey page shows: the one asked for (?version=), else the open draft (or the one awaiting
 * approval), else the live version, else the newest.
 */
export function pickShownVersion(
  versions: readonly { id: string; state: string }[],
  requested: string | null,
): string | null {
  if (requested) return requested;
  const open = versions.find((v) => v.state === "DRAFT" || v.state === "PENDING_APPROVAL");
  const live = versions.find((v) => v.state === "PUBLISHED");
  return open?.id ?? live?.id ?? versions[0]?.id ?? null;
}
