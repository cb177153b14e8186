/** Segmentation by employee count and the threshold slider's range, step and default (SPEC §3). */
import type { Book, SegmentIndex, ThresholdSlider } from './types.js';

/** 0 (Enterprise) when employees ≥ threshold, else 1 (Mid-Market). */
export function segmentOf(employees: number, threshold: number): SegmentIndex {
  return employees >= threshold ? 0 : 1;
}

/** Slider range, step and default from the Num_Employees column. */
export function thresholdSlider(employees: ArrayLike<number>): ThresholdSlider {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < employees.length; i++) {
    const v = employees[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (employees.length === 0) min = max = 0;
  const spread = max - min;
  const step = spread >= 10_000 ? 1000 : spread >= 1000 ? 100 : 10;
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const defaultValue = 1000 >= lo && 1000 <= hi ? 1000 : roundHalfUp(median(employees) / step) * step;
  return { min: lo, max: hi, step, defaultValue };
}

export function bookThresholdSlider(book: Book): ThresholdSlider {
  return thresholdSlider(book.accounts.employees);
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
