/**
 * Optimize Weights on several executors (SPEC §7), the one scheduler behind the CLI's worker
 * threads and the pane's Web Workers: it hands out slices of the weight grid, puts the values
 * back in grid order, reports progress, stops handing out slices when cancelled, and picks the
 * best by the tie rules. An executor only scores the slices it is given (scoreWeights).
 */
import { coarseGridIndices, optimizeResult, weightGrid, type OptimizeResult } from './optimize.js';
import type { Weights } from './types.js';
import { sameWeights } from './weights.js';

/**
 * One executor: scores the grid combinations at these grid indexes and answers their values in that
 * order. `beat` is the best value found so far (null before any): a combination that provably
 * cannot come within the tie tolerance of it may be answered null (scoreWeightsPruned).
 */
export interface OptimizeLane {
  score(indices: readonly number[], beat: number | null): Promise<readonly (number | null)[]>;
  /**
   * Wall time one slice should take, in ms: each next slice is sized from the last one's speed,
   * so a request queued behind it on the same executor waits little (the pane's sliders, 60 ms; the
   * CLI's threads, 250 ms). Absent: the lane takes one even share of the grid, the fewest messages.
   */
  readonly sliceMs?: number;
  /**
   * Settles when the lane can take slices (a worker still starting and loading the book): until then it
   * takes none, and the others go on; the run does not wait for it. Rejected, or not settled before the
   * lanes without one are done: the lane takes none. Absent: ready at once. (When every lane has one, the
   * run waits for them.)
   */
  readonly ready?: Promise<unknown>;
}

export interface ScheduleOptions {
  /** Called after each slice with (done, total), until cancelled. */
  readonly onProgress?: (done: number, total: number) => void;
  /** True stops handing out slices; the run then resolves null. */
  readonly shouldCancel?: () => boolean;
  /** The current weights' own value when they are not on the grid (see optimizeResult). */
  readonly offGrid?: () => number | null;
  /**
   * Given: the 5 % grid (a subset of the 1 % grid) is scored first, and its best by the same tie
   * rules is handed here before the rest of the grid is scored (the pane's provisional answer).
   * The final result is the same either way: only the order of the work changes.
   */
  readonly onProvisional?: (result: OptimizeResult) => void;
  /** The 5 % grid first without a provisional answer (the CLI): its best makes a good `beat` early. */
  readonly coarseFirst?: boolean;
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
  // The work in the order it is handed out: with a provisional answer, the 5 % grid first — and the
  // current weights with it when they are not on it, so the provisional answer can set the current
  // result's own value (the same measure, the greedy's) beside its best. `coarse` is that first part;
  // the provisional best is the 5 % grid's alone.
  const fivePercent = options.onProvisional || options.coarseFirst ? coarseGridIndices(riskEnabled) : [];
  const inFive = new Set(fivePercent);
  const currentAt = grid.findIndex((w) => sameWeights(w, current));
  const coarse = options.onProvisional && currentAt >= 0 && !inFive.has(currentAt) ? [...fivePercent, currentAt] : fivePercent;
  const inCoarse = new Set(coarse);
  const order = [...coarse, ...[...grid.keys()].filter((i) => !inCoarse.has(i))];
  // Lanes without a slice time take one even share of each part (the 5 % grid, the rest).
  const share = (n: number) => Math.ceil(n / Math.max(1, lanes.length));
  const cancelled = () => options.shouldCancel?.() ?? false;
  let next = 0;
  let done = 0;
  let coarseDone = 0;
  // The best value so far goes with each slice (lanes may stop runs below it); 5 % grid slices get the
  // best of the 5 % grid only, so the provisional answer is that grid's own best.
  let beat: number | null = null;
  let coarseBeat: number | null = null;
  const have = new Uint8Array(grid.length);
  let provisionalSent = false;
  // 5 % grid slices handed out and not back. With a provisional answer, a lane that finds the 5 % grid
  // all handed out but not all back scores a slice still out again (once): a worker held up by other work
  // (the pane's refinement) then does not hold up the provisional answer. Same values either way.
  const out = new Set<{ readonly indices: readonly number[]; stolen: boolean }>();
  const steal = (): number[] | null => {
    if (!options.onProvisional) return null;
    for (const slice of out) {
      if (slice.stolen) continue;
      slice.stolen = true;
      const missing = slice.indices.filter((i) => !have[i]);
      if (missing.length > 0) return missing;
    }
    return null;
  };
  const record = (indices: readonly number[], slice: readonly (number | null)[], fromCoarse: boolean) => {
    slice.forEach((v, q) => {
      const i = indices[q]!;
      if (have[i]) return;
      have[i] = 1;
      values[i] = v;
      done++;
      if (fromCoarse) coarseDone++;
      if (v !== null && (beat === null || v > beat)) beat = v;
      // Only the 5 % grid's values set its beat: the current weights' value must not stop 5 % grid runs.
      if (fromCoarse && inFive.has(i) && v !== null && (coarseBeat === null || v > coarseBeat)) coarseBeat = v;
    });
    if (fromCoarse && coarseDone === coarse.length && !provisionalSent && !cancelled()) {
      provisionalSent = true;
      const best = optimizeResult(fivePercent.map((i) => grid[i]!), fivePercent.map((i) => values[i]!), current);
      options.onProvisional?.({ ...best, currentBalanced: currentAt >= 0 ? values[currentAt]! : best.currentBalanced });
    }
  };
  // Resolved when the lanes that were ready from the start have finished (or one failed): a lane still
  // getting ready then stays out. Once a lane fails the run rejects, and no lane takes another slice.
  const plain = lanes.filter((lane) => !lane.ready);
  const late = lanes.filter((lane) => lane.ready);
  let othersDone: () => void = () => {};
  const finished = plain.length > 0 ? new Promise<boolean>((resolve) => (othersDone = () => resolve(false))) : null;
  let failed = false;
  // Lanes taking slices now: near the end of a part each takes at most its share of what is left, so
  // they finish together instead of one waiting for the other's last slice.
  let active = 0;
  const drain = async (lane: OptimizeLane) => {
    if (lane.ready) {
      const joined = lane.ready.then(() => true, () => false);
      if (!(await (finished ? Promise.race([joined, finished]) : joined))) return;
    }
    active++;
    try {
      await drainSlices(lane);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      active--;
    }
  };
  // Each lane takes its next slice when the last one is back, so a faster lane does more. A slice
  // never spans the end of the 5 % grid, so its last value arrives as early as it can.
  const drainSlices = async (lane: OptimizeLane) => {
    let size = FIRST_SLICE;
    while (!cancelled() && !failed) {
      const stolen = next >= coarse.length && coarseDone < coarse.length ? steal() : null;
      if (stolen) {
        const before = coarseDone;
        record(stolen, await lane.score(stolen, coarseBeat), true);
        if (coarseDone !== before && !cancelled()) options.onProgress?.(done, grid.length);
        continue;
      }
      if (next >= order.length) break;
      const from = next;
      const end = from < coarse.length ? coarse.length : order.length;
      if (lane.sliceMs === undefined) size = from < coarse.length ? share(coarse.length) : share(order.length - coarse.length);
      const to = Math.min(end, from + (lane.sliceMs === undefined ? size : Math.min(size, Math.ceil((end - from) / active))));
      next = to;
      const started = performance.now();
      const indices = order.slice(from, to);
      const isCoarse = from < coarse.length;
      const entry = { indices, stolen: false };
      if (isCoarse) out.add(entry);
      const slice = await lane.score(indices, isCoarse ? coarseBeat : beat);
      out.delete(entry);
      record(indices, slice, isCoarse);
      if (!cancelled()) options.onProgress?.(done, grid.length);
      if (lane.sliceMs !== undefined) {
        const perCombination = Math.max(MIN_MS_PER_COMBINATION, (performance.now() - started) / (to - from));
        size = Math.max(1, Math.min(MAX_SLICE, Math.floor(lane.sliceMs / perCombination)));
      }
    }
  };
  await Promise.all([Promise.all(plain.map(drain)).finally(othersDone), ...late.map(drain)]);
  if (cancelled()) return null;
  return optimizeResult(grid, values, current, options.offGrid);
}
