/** Threshold sensitivity (SPEC §6): fairness and deal size ratio across slider positions. */
import { allocateLoads, nameRanks } from './allocate.js';
import { dealSizeRatio, overallFairness } from './evaluate.js';
import { roundHalfUp } from './segment.js';
import type { Book, Settings, ThresholdSlider } from './types.js';

export interface SensitivitySample {
  readonly threshold: number;
  readonly balanced: number | null;
  readonly custom: number | null;
  readonly dealSizeRatio: number | null;
}

/** n = min(50, (max − min)/step + 1) positions, p_i = min + round(i·(max − min)/((n − 1)·step))·step, deduplicated. */
export function sensitivityThresholds(slider: ThresholdSlider): number[] {
  const { min, max, step } = slider;
  const n = Math.min(50, (max - min) / step + 1);
  if (n <= 1) return [min];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = min + roundHalfUp((i * (max - min)) / ((n - 1) * step)) * step;
    if (out[out.length - 1] !== p && !out.includes(p)) out.push(p);
  }
  return out;
}

/** One sample: allocate at threshold t with the current weights and bonuses. */
export function sensitivitySample(book: Book, settings: Settings, threshold: number, ranks: Int32Array): SensitivitySample {
  const run = allocateLoads(book, { ...settings, threshold }, ranks);
  const fairness = overallFairness(book, run, settings.weights);
  return { threshold, balanced: fairness.balanced, custom: fairness.custom, dealSizeRatio: dealSizeRatio(run) };
}

/** Every sample of the chart, in threshold order. */
export function sensitivity(book: Book, settings: Settings, slider: ThresholdSlider): SensitivitySample[] {
  const ranks = nameRanks(book);
  return sensitivityThresholds(slider).map((t) => sensitivitySample(book, settings, t, ranks));
}
