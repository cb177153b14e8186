/**
 * Undo / Redo over whole settings (SPEC §10.1): every step stores the settings before it, so any
 * field of Settings — the threshold, weights, bonuses, cutoff, mode, refine, budget, caps — is
 * covered without being listed. One drag, or a run of changes on one control with less than
 * 500 ms between them, is one step.
 */
import type { Settings } from '../../engine/index.js';

/** A change as the history sees it: which control made it, when, and in which pointer gesture. */
export interface ChangeMark {
  /** The control that made the change ("threshold-slider", "weight-arr-box", …). */
  readonly control: string;
  /** ms (performance.now()). */
  readonly at: number;
  /** Counts pointer presses: a new press starts a new step, even on the same control. */
  readonly gesture: number;
  /** True while the pointer is held down (a drag): its changes stay one step however slow. */
  readonly dragging: boolean;
}

export interface SettingsHistory {
  /** Settings before each step, oldest first. */
  readonly past: readonly Settings[];
  /** Settings undone, the next redo last. */
  readonly future: readonly Settings[];
  /** The step still open for more changes from the same control. */
  readonly run: Omit<ChangeMark, 'dragging'> | null;
}

export const EMPTY_HISTORY: SettingsHistory = { past: [], future: [], run: null };

/** Changes on one control this close together are one step. */
export const STEP_GAP_MS = 500;
/** Steps kept; the oldest go first. */
export const MAX_STEPS = 200;

/** The history after a change away from `before` (a new step, or the open step extended). */
export function recordChange(history: SettingsHistory, before: Settings, mark: ChangeMark): SettingsHistory {
  const run = history.run;
  const sameRun = run !== null && run.control === mark.control && run.gesture === mark.gesture && (mark.dragging || mark.at - run.at <= STEP_GAP_MS);
  const next = { control: mark.control, at: mark.at, gesture: mark.gesture };
  if (sameRun) return { past: history.past, future: [], run: next };
  const past = history.past.length >= MAX_STEPS ? history.past.slice(history.past.length - MAX_STEPS + 1) : history.past;
  return { past: [...past, before], future: [], run: next };
}

/** The settings one step back and the history after it; null when there is nothing to undo. */
export function undoStep(history: SettingsHistory, current: Settings): { settings: Settings; history: SettingsHistory } | null {
  const settings = history.past[history.past.length - 1];
  if (!settings) return null;
  return { settings, history: { past: history.past.slice(0, -1), future: [...history.future, current], run: null } };
}

/** The settings one step forward again and the history after it; null when there is nothing to redo. */
export function redoStep(history: SettingsHistory, current: Settings): { settings: Settings; history: SettingsHistory } | null {
  const settings = history.future[history.future.length - 1];
  if (!settings) return null;
  return { settings, history: { past: [...history.past, current], future: history.future.slice(0, -1), run: null } };
}
