/**
 * Names shortened to fit a narrow column without ever becoming ambiguous (SPEC §10.1): two reps
 * never read "Skyler …". Each name takes the first form that fits and no other name takes too —
 * the full name, "Skyler J.", "S. Johnson", a cut in the middle ("Sky…hnson") — and, if every form
 * collides, the middle cut with a number.
 */

/** "Skyler Johnson" → "Skyler J."; null for a single word. */
function firstAndInitial(name: string): string | null {
  const words = name.trim().split(/\s+/);
  return words.length < 2 ? null : `${words[0]} ${words[words.length - 1]!.charAt(0)}.`;
}

/** "Skyler Johnson" → "S. Johnson"; null for a single word. */
function initialAndLast(name: string): string | null {
  const words = name.trim().split(/\s+/);
  return words.length < 2 ? null : `${words[0]!.charAt(0)}. ${words.slice(1).join(' ')}`;
}

/** The longest "head…tail" of the name that fits (head a little longer); the name itself if it fits. */
function middleCut(name: string, fits: (text: string) => boolean): string {
  if (fits(name)) return name;
  let best = `${name.charAt(0)}…`;
  for (let keep = 2; keep < name.length; keep++) {
    const head = Math.ceil(keep / 2);
    const text = `${name.slice(0, head)}…${name.slice(name.length - (keep - head))}`;
    if (!fits(text)) break;
    best = text;
  }
  return best;
}

/** A unique display text per distinct name; `fits` says whether a text fits the column. */
export function uniqueShortNames(names: Iterable<string>, fits: (text: string) => boolean): Map<string, string> {
  const distinct = [...new Set(names)];
  const forms = new Map(distinct.map((n) => [n, [n, firstAndInitial(n), initialAndLast(n), middleCut(n, fits)].filter((f): f is string => f !== null && fits(f))]));
  const choice = new Map(distinct.map((n) => [n, 0]));
  const shown = (n: string) => forms.get(n)![choice.get(n)!];
  // Move every name of a colliding group to its next form until no two names read the same.
  for (let round = 0; round < 4; round++) {
    const byText = new Map<string, string[]>();
    for (const n of distinct) {
      const text = shown(n);
      if (text !== undefined) byText.set(text, [...(byText.get(text) ?? []), n]);
    }
    const clashes = [...byText.values()].filter((group) => group.length > 1);
    if (clashes.length === 0) break;
    for (const group of clashes) for (const n of group) choice.set(n, choice.get(n)! + 1);
  }
  const out = new Map<string, string>();
  const used = new Map<string, number>();
  for (const n of distinct) {
    const text = shown(n) ?? middleCut(n, fits);
    const count = (used.get(text) ?? 0) + 1;
    used.set(text, count);
    out.set(n, count === 1 ? text : `${text} ${count}`);
  }
  return out;
}
