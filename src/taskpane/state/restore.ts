/**
 * Stored settings against the book now open (SPEC §16), and the scenario list: pure rules, so the
 * restore and the Scenarios view are tested without a pane. What still applies is restored; what does
 * not (a sheet that is gone, a Risk weight without Risk_Score, a threshold outside the book) is said.
 */
import {
  checkSettings,
  settingsOverDefaults,
  type Scenario,
  type Settings,
  type SettingsFile,
  type StoredState,
  type ThresholdSlider,
  type Weights,
} from '../../engine/index.js';
import { formatThreshold } from '../format.js';

/** What the restore needs to know of the book just loaded. */
export interface BookFacts {
  readonly defaults: Settings;
  readonly riskEnabled: boolean;
  readonly slider: Pick<ThresholdSlider, 'min' | 'max'>;
}

export interface Reconciled {
  readonly settings: Settings;
  /** What was stored but does not apply to this book, in words ("threshold 50,000 (outside …)"). */
  readonly notRestored: readonly string[];
}

/** A Risk weight without Risk_Score goes to ARR and Accounts in their stored proportion. */
function withoutRisk(weights: Weights, fallback: Weights): Weights {
  const rest = weights.arr + weights.accounts;
  if (rest === 0) return fallback;
  const arr = Math.round((100 * weights.arr) / rest);
  return { arr, accounts: 100 - arr, risk: 0 };
}

/** The stored settings over this book's defaults, keeping what applies and saying what does not. */
export function reconcileSettings(file: SettingsFile, book: BookFacts): Reconciled {
  const notRestored: string[] = [];
  const over = settingsOverDefaults(book.defaults, file);
  let { threshold, weights } = over;
  if (file.threshold !== null && file.threshold !== undefined && (threshold < book.slider.min || threshold > book.slider.max)) {
    notRestored.push(
      `threshold ${formatThreshold(threshold)} (outside this book's ${formatThreshold(book.slider.min)}–${formatThreshold(book.slider.max)} employees; ${formatThreshold(book.defaults.threshold)} instead)`,
    );
    threshold = book.defaults.threshold;
  }
  if (!book.riskEnabled && weights.risk !== 0) {
    const next = withoutRisk(weights, book.defaults.weights);
    notRestored.push(`Risk weight ${weights.risk} % (the Accounts sheet has no usable Risk_Score now: ARR ${next.arr} %, Accounts ${next.accounts} %, Risk 0 %)`);
    weights = next;
  }
  const checked = checkSettings({ ...over, threshold, weights }, book.riskEnabled);
  if (!checked.ok) return { settings: book.defaults, notRestored: [`the settings (${checked.reason}); the defaults instead`] };
  return { settings: checked.settings, notRestored };
}

export interface SheetPick {
  readonly repsSheet: string;
  readonly accountsSheet: string;
  readonly notRestored: readonly string[];
}

/**
 * The sheets to load: the stored ones where the workbook still has them (matched ignoring case, as
 * the pickers pre-select), else the pane's own pick.
 */
export function pickStoredSheets(names: readonly string[], file: SettingsFile, pick: { repsSheet: string; accountsSheet: string }): SheetPick {
  const notRestored: string[] = [];
  const find = (stored: string | undefined, fallback: string, label: string) => {
    if (stored === undefined) return fallback;
    const found = names.find((n) => n.toLowerCase() === stored.toLowerCase());
    if (found !== undefined) return found;
    notRestored.push(`${label} sheet "${stored}" (no longer in the workbook${fallback ? `; "${fallback}" instead` : ''})`);
    return fallback;
  };
  return {
    repsSheet: find(file.repsSheet, pick.repsSheet, 'Reps'),
    accountsSheet: find(file.accountsSheet, pick.accountsSheet, 'Accounts'),
    notRestored,
  };
}

const SAVED_AT_LONG: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
const SAVED_AT_SHORT: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** "Dec 7, 2026, 04:12 AM" (or, `short`, "Dec 7, 04:12" for a narrow table cell): the saved time in the reader's own words. */
export function formatSavedAt(iso: string, short = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-US', short ? SAVED_AT_SHORT : SAVED_AT_LONG);
}

/** The status message after a restore: where the settings came from, when, and what was not restored. */
export function restoreMessage(state: Pick<StoredState, 'savedAt' | 'savedBy'>, where: 'workbook' | 'browser', notRestored: readonly string[], dataChanged: boolean): string {
  const when = formatSavedAt(state.savedAt);
  const from =
    where === 'browser'
      ? `Settings restored from this browser (last changed ${when}).`
      : state.savedBy === 'change'
        ? `Settings restored from this workbook (saved ${when}).`
        : `Settings restored from the last Allocate (${when}).`;
  const changed = dataChanged ? ' The data has changed since.' : '';
  const not = notRestored.length > 0 ? ` Not restored: ${notRestored.join('; ')}.` : '';
  return `${from}${changed}${not}`;
}

/** The list with `scenario` in it: it replaces the one of the same name (ignoring case) in place, else comes last. */
export function upsertScenario(list: readonly Scenario[], scenario: Scenario): Scenario[] {
  const key = scenario.name.toLowerCase();
  const at = list.findIndex((s) => s.name.toLowerCase() === key);
  if (at < 0) return [...list, scenario];
  return list.map((s, i) => (i === at ? scenario : s));
}

/** The list without the scenario of that name (ignoring case). */
export function removeScenario(list: readonly Scenario[], name: string): Scenario[] {
  const key = name.toLowerCase();
  return list.filter((s) => s.name.toLowerCase() !== key);
}

/** Saved on other input rows than the book open now (SPEC §16: marked stale). */
export function isStale(scenario: Pick<Scenario, 'inputHash'>, hash: string): boolean {
  return scenario.inputHash !== hash;
}
