/** Segmentation by employee count and the threshold slider's scale, positions and default (SPEC §3). */
import type { Book, SegmentIndex, ThresholdSlider } from './types.js';

/** 0 (Enterprise) when employees ≥ threshold, else 1 (Mid-Market). */
export function segmentOf(employees: number, threshold: number): SegmentIndex {
  return employees >= threshold ? 0 : 1;
}

/** The nice-number mantissas of the log grid, in hundredths so every grid value is an exact product. */
const MANTISSAS = [100, 125, 150, 200, 250, 300, 400, 500, 600, 750] as const;

/**
 * Grid values G = {m·10^e integer} ∪ {0} in [lo, hi], ascending, where lo is the largest grid value ≤ min
 * and hi the smallest ≥ max. Below 10 only 0–6 are integers (1.25 … 7.5 are not).
 */
function logGrid(min: number, max: number): number[] {
  const all: number[] = [0];
  // Walk decades until the grid passes max; m·10^e = (m·100)·10^(e−2), exact while 10^e is.
  for (let e = 0; all[all.length - 1]! < max; e++) {
    for (const m of MANTISSAS) {
      const v = e >= 2 ? m * 10 ** (e - 2) : (m * 10 ** e) / 100;
      if (Number.isInteger(v)) all.push(v);
    }
  }
  let lo = 0;
  for (let i = 0; i < all.length && all[i]! <= min; i++) lo = i;
  let hi = all.length - 1;
  while (hi > 0 && all[hi - 1]! >= max) hi--;
  return all.slice(lo, hi + 1);
}

/** Slider scale, range, positions and default from the Num_Employees column. */
export function thresholdSlider(employees: ArrayLike<number>): ThresholdSlider {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < employees.length; i++) {
    const v = employees[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (employees.length === 0) min = max = 0;
  let slider: Omit<ThresholdSlider, 'defaultValue'>;
  if (max > 10 * Math.max(min, 1)) {
    const grid = logGrid(min, max);
    slider = { scale: 'log', min: grid[0]!, max: grid[grid.length - 1]!, step: 0, count: grid.length, grid };
  } else {
    const spread = max - min;
    const step = spread >= 10_000 ? 1000 : spread >= 1000 ? 100 : 10;
    const lo = Math.floor(min / step) * step;
    const hi = Math.ceil(max / step) * step;
    slider = { scale: 'linear', min: lo, max: hi, step, count: Math.round((hi - lo) / step) + 1, grid: null };
  }
  const inRange = 1000 >= slider.min && 1000 <= slider.max;
  const defaultValue = inRange ? 1000 : sliderPosition(slider, nearestPosition(slider, median(employees)));
  return { ...slider, defaultValue };
}

export function bookThresholdSlider(book: Book): ThresholdSlider {
  return thresholdSlider(book.accounts.employees);
}

/** The threshold at slider position i (0 … count − 1). */
export function sliderPosition(slider: Pick<ThresholdSlider, 'min' | 'step' | 'grid'>, i: number): number {
  return slider.grid ? slider.grid[i]! : slider.min + i * slider.step;
}

/**
 * The position nearest to a value by absolute difference, ties to the higher (SPEC §3, §15.1):
 * where the slider sits for a typed threshold, and the default's rounding of the median.
 */
export function nearestPosition(slider: Pick<ThresholdSlider, 'min' | 'step' | 'grid' | 'count'>, value: number): number {
  const last = slider.count - 1;
  if (!(value > slider.min)) return 0;
  // The first position ≥ value (binary search on the ascending positions), then the closer neighbour.
  let lo = 0, hi = last;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sliderPosition(slider, mid) >= value) hi = mid;
    else lo = mid + 1;
  }
  const above = sliderPosition(slider, lo);
  if (lo === 0 || above < value) return lo;
  const below = sliderPosition(slider, lo - 1);
  return value - below < above - value ? lo - 1 : lo;
}

/** Rounds half up (towards +∞), as the spec rounds shown scores and slider positions. */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5);
}

function median(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  const mid = sorted.length >> 1;
  // Halving each term is exact, so this equals (a + b) / 2 and cannot overflow.
  return sorted.length % 2 === 1 ? sorted[mid]! : sorted[mid - 1]! / 2 + sorted[mid]! / 2;
}
