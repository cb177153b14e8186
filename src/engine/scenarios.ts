/**
 * Scenarios and the stored pane state (SPEC §16): named copies of the settings with their headline
 * results, a hash of the input rows that tells when a scenario was saved on other data, and the one
 * object the pane keeps in the document (settings + scenarios). Defined once, with zod, beside the
 * settings file the CLI reads, so what the pane stores the CLI can replay.
 */
import { z } from 'zod';
import type { Evaluation } from './evaluate.js';
import { settingsFileSchema, type SettingsFile } from './settings.js';
import { DRIVERS, SEGMENTS, type Book, type Settings } from './types.js';

const cv = z.number().nullable();
const driverCvs = z.object({ arr: cv, accounts: cv, risk: cv });

/** The headline numbers a scenario keeps and the Scenarios view compares. */
export const scenarioResultsSchema = z.object({
  overallCustom: z.number().nullable(),
  overallBalanced: z.number().nullable(),
  /** CV% per segment and driver (null = N/A). */
  cv: z.object({ Enterprise: driverCvs, 'Mid-Market': driverCvs }),
  accountsMoved: z.number(),
  accountsMovedPct: z.number(),
  arrMoved: z.number(),
  arrMovedPct: z.number(),
});
export type ScenarioResults = z.infer<typeof scenarioResultsSchema>;

export const SCENARIO_NAME_MAX = 40;

export const scenarioSchema = z.object({
  name: z.string().trim().min(1).max(SCENARIO_NAME_MAX),
  settings: settingsFileSchema,
  /** ISO time of saving. */
  savedAt: z.string(),
  /** inputHash of the book it was computed on: a different hash now marks it stale. */
  inputHash: z.string(),
  results: scenarioResultsSchema,
});
export type Scenario = z.infer<typeof scenarioSchema>;

/** What the pane stores in the document (and, in preview, in local storage). */
export const storedStateSchema = z.object({
  version: z.literal(1),
  settings: settingsFileSchema,
  /** ISO time of the Allocate that stored these settings (or of the change, see `savedBy`). */
  savedAt: z.string(),
  /**
   * What stored them: an Allocate (absent = 'allocate'), or a settings change — preview mode saves at
   * every change, and a scenario saved before the first Allocate stores the settings on screen.
   */
  savedBy: z.enum(['allocate', 'change']).optional(),
  inputHash: z.string(),
  scenarios: z.array(scenarioSchema),
});
export type StoredState = z.infer<typeof storedStateSchema>;

/** Parses stored state; anything unreadable is null (the pane then starts from defaults and says so). */
export function parseStoredState(input: unknown): StoredState | null {
  const parsed = storedStateSchema.safeParse(input);
  return parsed.success ? parsed.data : null;
}

/** The settings as a settings file (the stored and the CLI's shape), with the sheet names. */
export function settingsToFile(settings: Settings, sheets?: { repsSheet: string; accountsSheet: string }): SettingsFile {
  return {
    threshold: settings.threshold,
    weights: { ...settings.weights },
    geoBonus: settings.geoBonus,
    preserveBonus: settings.preserveBonus,
    riskCutoff: settings.riskCutoff,
    mode: settings.mode,
    refine: settings.refine,
    budget: settings.budget,
    maxAccounts: { ...settings.maxAccounts },
    ...(sheets ?? {}),
  };
}

/** A scenario's headline results from an evaluation. */
export function scenarioResults(book: Book, evaluation: Evaluation): ScenarioResults {
  let totalArr = 0;
  for (let a = 0; a < book.accounts.count; a++) totalArr += book.accounts.arr[a]!;
  const cvs = Object.fromEntries(
    SEGMENTS.map((name, s) => [name, Object.fromEntries(DRIVERS.map((d) => [d, evaluation.segments[s]!.drivers?.[d]?.cv ?? null]))]),
  ) as ScenarioResults['cv'];
  const n = book.accounts.count;
  return {
    overallCustom: evaluation.overall.custom,
    overallBalanced: evaluation.overall.balanced,
    cv: cvs,
    accountsMoved: evaluation.moved.accounts,
    accountsMovedPct: n === 0 ? 0 : (100 * evaluation.moved.accounts) / n,
    arrMoved: evaluation.moved.arr,
    arrMovedPct: totalArr === 0 ? 0 : (100 * evaluation.moved.arr) / totalArr,
  };
}

/**
 * A hash of the input rows the engine reads (reps and accounts, in sheet order): equal books give
 * equal hashes, and a changed ARR, owner, lock or cap changes it. FNV-1a, 2 × 32 bits, as hex.
 */
export function inputHash(book: Book): string {
  let h1 = 0x811c9dc5, h2 = 0x01000193 ^ 0x5bd1e995;
  const add = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
    h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
  };
  for (const r of book.reps) add(`${r.name}\u0000${r.segment}\u0000${r.location}\u0000${r.maxAccounts ?? ''}`);
  const a = book.accounts;
  for (let i = 0; i < a.count; i++) {
    add(`${a.id[i]}\u0000${a.name[i]}\u0000${a.originalRep[i]}\u0000${a.arr[i]}\u0000${a.employees[i]}\u0000${a.location[i]}\u0000${a.risk[i]}\u0000${a.locked[i]}\u0000${a.lockedRepIndex[i]}`);
  }
  const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
  return `${hex(h1)}${hex(h2)}`;
}

export type ScenarioNameCheck =
  | { readonly ok: true; readonly name: string; readonly replaces: string | null }
  | { readonly ok: false; readonly reason: string };

/** Trimmed, 1–40 characters; a name equal to a saved one ignoring case replaces it (the pane asks first). */
export function checkScenarioName(raw: string, saved: readonly Pick<Scenario, 'name'>[]): ScenarioNameCheck {
  const name = raw.trim();
  if (name === '') return { ok: false, reason: 'Type a name for the scenario.' };
  if (name.length > SCENARIO_NAME_MAX) return { ok: false, reason: `Use at most ${SCENARIO_NAME_MAX} characters (this one has ${name.length}).` };
  const same = saved.find((s) => s.name.toLowerCase() === name.toLowerCase());
  return { ok: true, name, replaces: same ? same.name : null };
}
