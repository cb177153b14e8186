/** Sheet pre-selection: the sheet named like the one we need, ignoring case and spaces. */

/** The sheet whose name equals `wanted` case-insensitively (trimmed), or null. */
export function pickSheet(names: readonly string[], wanted: string): string | null {
  const key = wanted.trim().toLowerCase();
  return names.find((n) => n.trim().toLowerCase() === key) ?? null;
}
