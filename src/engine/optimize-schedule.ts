/**
 * Optimize Weights on several executors (SPEC §7), the one scheduler behind the CLI's worker
 * threads and the pane's Web Workers: it hands out slices of the weight grid, puts the values
 * back in grid order, reports progress, stops handing out slices when cancelled, and picks the
 * best by the tie rules. An executor only scores the slices it is given (scoreWeights).
 */
import { optimizeResult, weightGrid, type OptimizeResult } from './optimize.js';
import type { Weights } from './types.js';

/** One executor: scores grid combinations [from, to) and answers their values in grid order. */
export interface OptimizeLane {
  score(from: number, to: number): Promise<readonly (number | null)[]>;
  /**
   * Wall time one slice should take, in ms: each next slice is sized from the last one's speed,
   * so a request queued behind it on the same executor waits little (the pane's sliders). Absent:
   * the lane takes one even share of the grid, the fewest messages (the CLI's threads).
   */
  readonly sliceMs?: number;
}

export interface ScheduleOptions {
  /** Called after each slice with (done, total), until cancelled. */
  readonly onProgress?: (done: number, total: number) => void;
  /** True stops handing out slices; the run then resolves null. */
  readonly shouldCancel?: () => boolean;
  /** The current weights' own value when they are not on the grid (see optimizeResult). */
  readonly offGrid?: () => number | null;
}

// Adaptive slices start small (the first one measures the speed) and stay below a size that
// would hold one executor for long whatever the target.
const FIRST_SLICE = 8;
const MAX_SLICE = 400;
const MIN_MS_PER_COMBINATION = 0.01;

/** Scores the whole grid on the lanes and picks the best weights; null when cancelled. */
export async function runOptimize(
  riskEnabled: boolean,
  current: Weights,
  lanes: readonly OptimizeLane[],
  options: ScheduleOptions = {},
): Promise<OptimizeResult | null> {
  const grid = weightGrid(riskEnabled);
  const values = new Array<number | null>(grid.length).fill(null);
  const evenShare = Math.ceil(grid.length / Math.max(1, lanes.length));
  const cancelled = () => options.shouldCancel?.() ?? false;
  let next = 0;
  let done = 0;
  // Each lane takes its next slice when the last one is back, so a faster lane does more.
  const drain = async (lane: OptimizeLane) => {
    let size = lane.sliceMs === undefined ? evenShare : FIRST_SLICE;
    while (next < grid.length && !cancelled()) {
      const from = next;
      const to = Math.min(grid.length, from + size);
      next = to;
      const started = performance.now();
      const slice = await lane.score(from, to);
      slice.forEach((v, i) => (values[from + i] = v));
      done += slice.length;
      if (!cancelled()) options.onProgress?.(done, grid.length);
      if (lane.sliceMs !== undefined) {
        const perCombination = Math.max(MIN_MS_PER_COMBINATION, (performance.now() - started) / (to - from));
        size = Math.max(1, Math.min(MAX_SLICE, Math.floor(lane.sliceMs / perCombination)));
      }
    }
  };
  await Promise.all(lanes.map(drain));
  if (cancelled()) return null;
  return optimizeResult(grid, values, current, options.offGrid);
}
