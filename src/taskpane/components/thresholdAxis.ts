/**
 * The sensitivity chart's x axis on the threshold slider's scale (SPEC §6): logarithmic under the
 * log scale, with 0 drawn at the axis origin half a decade left of the first positive threshold
 * (log 0 does not exist), and decade ticks (10, 100, 1k, …); linear otherwise.
 */

/** How far left of the first positive threshold 0 sits, in decades. */
const ZERO_GAP = 0.5;

export interface ThresholdAxis {
  /** Where a threshold sits on the chart's numeric x axis. */
  readonly toX: (threshold: number) => number;
  /** Tick positions (x units) and their labels; null lets the chart choose (linear scale). */
  readonly ticks: readonly number[] | null;
  readonly tickText: readonly string[] | null;
  readonly title: string;
}

/** 1,000 → "1k", 10,000,000 → "10M". */
export function compactCount(value: number): string {
  const units: [number, string][] = [[1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
  for (const [size, unit] of units) if (value >= size) return `${Number((value / size).toPrecision(3))}${unit}`;
  return String(value);
}

/** The axis for these sample thresholds on a slider of this scale. */
export function thresholdAxis(scale: 'log' | 'linear', thresholds: readonly number[]): ThresholdAxis {
  if (scale === 'linear' || thresholds.length === 0) {
    return { toX: (t) => t, ticks: null, tickText: null, title: 'Threshold (employees)' };
  }
  const positive = thresholds.filter((t) => t > 0);
  const first = positive.length ? Math.min(...positive) : 1;
  const last = positive.length ? Math.max(...positive) : 1;
  const zeroX = Math.log10(first) - ZERO_GAP;
  // A typed value between 0 and the first position stays right of 0 (and in order with its neighbours).
  const toX = (t: number) => (t <= 0 ? zeroX : Math.max(Math.log10(t), zeroX + ZERO_GAP / 4));
  const ticks: number[] = [];
  const text: string[] = [];
  if (thresholds.some((t) => t <= 0)) {
    ticks.push(zeroX);
    text.push('0');
  }
  for (let e = Math.ceil(Math.log10(first) - 1e-9); e <= Math.floor(Math.log10(last) + 1e-9); e++) {
    ticks.push(e);
    text.push(compactCount(10 ** e));
  }
  return { toX, ticks, tickText: text, title: 'Threshold (employees, log scale)' };
}
