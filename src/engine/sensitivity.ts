/** Threshold sensitivity (SPEC §6): fairness and deal size ratio across slider positions. */
import { allocateLoads, EngineSession } from './allocate.js';
import { dealSizeRatio, overallFairness } from './evaluate.js';
import { roundHalfUp, sliderPosition } from './segment.js';
import type { Book, Settings, ThresholdSlider } from './types.js';

export interface SensitivitySample {
  readonly threshold: number;
  readonly balanced: number | null;
  readonly custom: number | null;
  readonly dealSizeRatio: number | null;
}

/**
 * The sample thresholds (SPEC §6): every slider position when there are at most 50, else the 50
 * positions P_j, j = round(i·(m − 1)/49), duplicates dropped; plus the current threshold when it is
 * not already a sample, so the marker always sits on the curves. Ascending.
 */
export function sensitivityThresholds(slider: ThresholdSlider, current?: number): number[] {
  const m = slider.count;
  const out: number[] = [];
  if (m <= SAMPLES) for (let j = 0; j < m; j++) out.push(sliderPosition(slider, j));
  else {
    for (let i = 0; i < SAMPLES; i++) {
      const p = sliderPosition(slider, roundHalfUp((i * (m - 1)) / (SAMPLES - 1)));
      if (out[out.length - 1] !== p) out.push(p);
    }
  }
  if (current !== undefined && Number.isFinite(current) && !out.includes(current)) {
    out.push(current);
    out.sort((a, b) => a - b);
  }
  return out;
}

const SAMPLES = 50;

/** One sample: allocate at threshold t with the current weights and bonuses. */
export function sensitivitySample(book: Book, settings: Settings, threshold: number, session: EngineSession): SensitivitySample {
  const run = allocateLoads(book, { ...settings, threshold }, session);
  const fairness = overallFairness(book, run, settings.weights);
  return { threshold, balanced: fairness.balanced, custom: fairness.custom, dealSizeRatio: dealSizeRatio(run) };
}

/** Every sample of the chart, in threshold order, the current threshold among them. */
export function sensitivity(book: Book, settings: Settings, slider: ThresholdSlider, session = new EngineSession(book)): SensitivitySample[] {
  return sensitivityThresholds(slider, settings.threshold).map((t) => sensitivitySample(book, settings, t, session));
}
