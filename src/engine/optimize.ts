/**
 * Optimize Weights (SPEC §7): exhaustive 1 % grid, objective Overall Balanced fairness. The grid,
 * the scoring of a slice of it, the tie rules and the result; optimize-schedule.ts runs the grid
 * on several executors, optimizeWeights here on this thread.
 */
import { allocateLoads, EngineSession } from './allocate.js';
import { overallFairness } from './evaluate.js';
import type { Book, Settings, Weights } from './types.js';
import { sameWeights } from './weights.js';

/** How many points weightGrid has: 5,151, or 101 with Risk fixed at 0. */
export function weightGridSize(riskEnabled: boolean): number {
  return riskEnabled ? (101 * 102) / 2 : 101;
}

/** Every integer (ARR, Accounts, Risk) ≥ 0 summing to 100; Risk fixed at 0 when disabled. */
export function weightGrid(riskEnabled: boolean): Weights[] {
  const out: Weights[] = [];
  for (let arr = 100; arr >= 0; arr--) {
    if (!riskEnabled) {
      out.push({ arr, accounts: 100 - arr, risk: 0 });
      continue;
    }
    for (let accounts = 100 - arr; accounts >= 0; accounts--) out.push({ arr, accounts, risk: 100 - arr - accounts });
  }
  return out;
}

/** Step of the provisional grid the pane shows first (SPEC §7's grid stays the 1 % one). */
export const COARSE_STEP = 5;

/**
 * Indexes into weightGrid(riskEnabled) of the points whose three weights are all multiples of
 * `step`, in grid order: the 5 % grid (231 points; 21 without risk) is a subset of the 1 % grid, so
 * its values are reused, not computed twice.
 */
export function coarseGridIndices(riskEnabled: boolean, step = COARSE_STEP): number[] {
  const out: number[] = [];
  weightGrid(riskEnabled).forEach((w, i) => {
    if (w.arr % step === 0 && w.accounts % step === 0 && w.risk % step === 0) out.push(i);
  });
  return out;
}

/** Overall Balanced fairness (unrounded) for each weight combination in [from, to). */
export function scoreWeights(book: Book, settings: Settings, grid: readonly Weights[], from: number, to: number, session = new EngineSession(book)): (number | null)[] {
  const indices: number[] = [];
  for (let i = from; i < Math.min(to, grid.length); i++) indices.push(i);
  return scoreWeightsAt(book, settings, grid, indices, session);
}

/** Overall Balanced fairness (unrounded) for the grid combinations at `indices`, in that order. */
export function scoreWeightsAt(book: Book, settings: Settings, grid: readonly Weights[], indices: readonly number[], session = new EngineSession(book)): (number | null)[] {
  return indices.map((i) => overallFairness(book, allocateLoads(book, { ...settings, weights: grid[i]! }, session), grid[i]!).balanced);
}

export interface OptimizeResult {
  /** The recommendation. */
  readonly weights: Weights;
  /** Overall Balanced fairness of the recommendation (unrounded). */
  readonly balanced: number | null;
  /** Overall Balanced fairness of the current weights. */
  readonly currentBalanced: number | null;
  /** Grid combinations scored. */
  readonly evaluated: number;
}

const OPTIMIZE_TIE = 1e-9;

/**
 * Best = highest objective; within 1e-9 of the best, the smallest L1 distance from the current
 * weights, then higher ARR, then higher Accounts. Null ranks below every number; all null → current.
 */
export function pickBestWeights(grid: readonly Weights[], values: readonly (number | null)[], current: Weights): { weights: Weights; value: number | null } {
  let best = -Infinity;
  for (const v of values) if (v !== null && v > best) best = v;
  if (best === -Infinity) return { weights: current, value: null };
  const l1 = (w: Weights) => Math.abs(w.arr - current.arr) + Math.abs(w.accounts - current.accounts) + Math.abs(w.risk - current.risk);
  let pick = -1;
  for (let i = 0; i < grid.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || best - v > OPTIMIZE_TIE) continue;
    if (pick < 0) { pick = i; continue; }
    const a = grid[i]!, b = grid[pick]!;
    const d = l1(a) - l1(b);
    if (d < 0 || (d === 0 && (a.arr > b.arr || (a.arr === b.arr && a.accounts > b.accounts)))) pick = i;
  }
  return { weights: grid[pick]!, value: values[pick]! };
}

/**
 * The result of a run from every grid value: the best by the tie rules, and the current weights'
 * own value, read from the grid (`offGrid` computes it for weights the grid does not hold).
 */
export function optimizeResult(
  grid: readonly Weights[],
  values: readonly (number | null)[],
  current: Weights,
  offGrid: () => number | null = () => null,
): OptimizeResult {
  const best = pickBestWeights(grid, values, current);
  const at = grid.findIndex((w) => sameWeights(w, current));
  const currentBalanced = at >= 0 ? (values[at] ?? null) : offGrid();
  return { weights: best.weights, balanced: best.value ?? currentBalanced, currentBalanced, evaluated: grid.length };
}

export interface OptimizeOptions {
  /** Called after each chunk with (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Return true to stop; the result so far is discarded (null is returned). */
  shouldCancel?: () => boolean;
  chunkSize?: number;
}

/** Runs the whole grid on this thread (tests, reference runs; the CLI and the pane use runOptimize). */
export function optimizeWeights(book: Book, settings: Settings, options: OptimizeOptions = {}): OptimizeResult | null {
  const grid = weightGrid(book.riskEnabled);
  const session = new EngineSession(book);
  const chunk = options.chunkSize ?? 100;
  const values: (number | null)[] = [];
  for (let from = 0; from < grid.length; from += chunk) {
    if (options.shouldCancel?.()) return null;
    values.push(...scoreWeights(book, settings, grid, from, from + chunk, session));
    options.onProgress?.(values.length, grid.length);
  }
  return optimizeResult(grid, values, settings.weights, () => overallFairness(book, allocateLoads(book, settings, session), settings.weights).balanced);
}
