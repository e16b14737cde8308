/** Formats a zod issue path as a JSON path: ["nodes", 3, "config"] -> "$.nodes[3].config". */
export function formatJsonPath(path: readonly PropertyKey[], root = "$"): string {
  let out = root;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}
