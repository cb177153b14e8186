/** Fairness metrics (SPEC §5): CV%, score, band, Gini, Min/Max, and the Custom / Balanced / Overall composites. */
import { roundHalfUp } from './segment.js';
import type { DriverName, Weights } from './types.js';

/** One driver's spread as the composites need it: mean, CV% and score. */
export interface DriverScore {
  readonly mean: number;
  readonly cv: number;
  readonly score: number;
}

/** A driver's full statistics as shown and reported; null fields mean N/A. */
export interface DriverStats extends DriverScore {
  readonly gini: number;
  readonly minMaxRatio: number | null;
}

export type Band = 'Dark Green' | 'Light Green' | 'Yellow' | 'Orange' | 'Red';

/** Per-driver scores; null when the driver is undefined (mean 0, no reps, or risk disabled). */
export type DriverScores = Readonly<Record<DriverName, DriverScore | null>>;
/** Per-driver full statistics, same nulls as DriverScores. */
export type DriverSet = Readonly<Record<DriverName, DriverStats | null>>;

/**
 * CV% = 100·σ/μ with the population σ (divide by k); Score = max(0, 100 − CV%).
 * Null when μ = 0 or there are no values. What Optimize and sensitivity need per run.
 */
export function driverScore(values: ArrayLike<number>): DriverScore | null {
  const k = values.length;
  if (k === 0) return null;
  let sum = 0;
  for (let i = 0; i < k; i++) sum += values[i]!;
  const mean = sum / k;
  if (mean === 0) return null;
  let squares = 0;
  for (let i = 0; i < k; i++) {
    const d = values[i]! - mean;
    squares += d * d;
  }
  const cv = (100 * Math.sqrt(squares / k)) / mean;
  return { mean, cv, score: Math.max(0, 100 - cv) };
}

/** driverScore plus Gini = ΣᵢΣⱼ|xᵢ − xⱼ| / (2k²μ) and the Min/Max ratio (null when max = 0). */
export function driverStats(values: ArrayLike<number>): DriverStats | null {
  const base = driverScore(values);
  if (base === null) return null;
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { ...base, gini: giniCoefficient(values, base.mean), minMaxRatio: max === 0 ? null : min / max };
}

/**
 * Gini as SPEC §5 writes it, the double sum in index order: O(k²) over a segment's reps (a few
 * hundred at most), exactly 0 for equal loads, and the same digits an independent reading gives.
 */
export function giniCoefficient(values: ArrayLike<number>, mean: number): number {
  const k = values.length;
  let sum = 0;
  for (let i = 0; i < k; i++) {
    const x = values[i]!;
    for (let j = 0; j < k; j++) sum += Math.abs(x - values[j]!);
  }
  return sum / (2 * k * k * mean);
}

/** The integer a score is shown as (round half up). */
export function shownScore(score: number): number {
  return roundHalfUp(score);
}

/** Colour band of a score, decided on the shown integer. */
export function band(score: number): Band {
  const s = shownScore(score);
  if (s >= 94) return 'Dark Green';
  if (s >= 88) return 'Light Green';
  if (s >= 82) return 'Yellow';
  if (s >= 75) return 'Orange';
  return 'Red';
}

/** Custom = Σ w_d·Score_d / Σ w_d over defined drivers; null when that weight sum is 0. */
export function customComposite(drivers: DriverScores, weights: Weights): number | null {
  let num = 0, den = 0;
  for (const d of ['arr', 'accounts', 'risk'] as const) {
    const s = drivers[d];
    if (!s) continue;
    num += weights[d] * s.score;
    den += weights[d];
  }
  return den === 0 ? null : num / den;
}

/** Balanced = plain mean of the defined drivers' scores (the 33/33/33 benchmark). */
export function balancedComposite(drivers: DriverScores): number | null {
  let sum = 0, count = 0;
  for (const d of ['arr', 'accounts', 'risk'] as const) {
    const s = drivers[d];
    if (!s) continue;
    sum += s.score;
    count++;
  }
  return count === 0 ? null : sum / count;
}

/** Overall = rep-count-weighted mean of the defined segment composites. */
export function overallComposite(parts: readonly { reps: number; value: number | null }[]): number | null {
  let num = 0, den = 0;
  for (const p of parts) {
    if (p.value === null) continue;
    num += p.reps * p.value;
    den += p.reps;
  }
  return den === 0 ? null : num / den;
}
