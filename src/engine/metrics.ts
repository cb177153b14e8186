/** Fairness metrics (SPEC §5): CV%, score, band, Gini, Min/Max, and the Custom / Balanced / Overall composites. */
import { roundHalfUp } from './segment.js';
import type { DriverName, Weights } from './types.js';

/** One driver's spread across a segment's reps; null fields mean N/A. */
export interface DriverStats {
  readonly mean: number;
  readonly cv: number;
  readonly score: number;
  readonly gini: number;
  readonly minMaxRatio: number | null;
}

export type Band = 'Dark Green' | 'Light Green' | 'Yellow' | 'Orange' | 'Red';

/** Per-driver stats; null when the driver is undefined (mean 0, no reps, or risk disabled). */
export type DriverSet = Readonly<Record<DriverName, DriverStats | null>>;

/**
 * CV% = 100·σ/μ with the population σ (divide by k); Score = max(0, 100 − CV%);
 * Gini = ΣᵢΣⱼ|xᵢ − xⱼ| / (2k²μ); Min/Max ratio. Null when μ = 0 or there are no values.
 */
export function driverStats(values: ArrayLike<number>): DriverStats | null {
  const k = values.length;
  if (k === 0) return null;
  let sum = 0;
  for (let i = 0; i < k; i++) sum += values[i]!;
  const mean = sum / k;
  if (mean === 0) return null;
  let squares = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < k; i++) {
    const v = values[i]!;
    const d = v - mean;
    squares += d * d;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const cv = (100 * Math.sqrt(squares / k)) / mean;
  return {
    mean,
    cv,
    score: Math.max(0, 100 - cv),
    gini: giniCoefficient(values, mean),
    minMaxRatio: max === 0 ? null : min / max,
  };
}

/** Gini via the sorted form: ΣᵢΣⱼ|xᵢ − xⱼ| = 2·Σᵢ (2i − k + 1)·x₍ᵢ₎ over ascending x (0-based i). */
export function giniCoefficient(values: ArrayLike<number>, mean: number): number {
  const k = values.length;
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  let weighted = 0;
  for (let i = 0; i < k; i++) weighted += (2 * i - k + 1) * sorted[i]!;
  return (2 * weighted) / (2 * k * k * mean);
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
export function customComposite(drivers: DriverSet, weights: Weights): number | null {
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
export function balancedComposite(drivers: DriverSet): number | null {
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
