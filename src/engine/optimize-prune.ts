/**
 * Optimize Weights without finishing the runs that cannot win (SPEC §7 stays exact). A weight
 * combination's value is Overall Balanced = Σ k_s·Balanced_s / Σ k_s over the two segments, which
 * are allocated independently. While one is allocated, every load can only grow and what is left
 * to place is known, so no end of the run can do better than the water-filled loads max(L_i, λ)
 * (λ spends the rest): that bounds each driver's score from above; a segment not started is bounded
 * by its floor (floor.ts, the same bound before any step). When the bound on the Overall value is
 * below `beat` (a value already found) by more than the tie tolerance plus a margin for rounding,
 * the combination can be neither the best nor tied with it: the run stops and its value is null,
 * which ranks below every number, exactly where its real value would rank. The current weights'
 * own value is always computed (Optimize shows it).
 */
import { allocateLoads, emptyLoads, EngineSession, placeLocks, runSegmentLoads, segmentContext, unplaced, type SegmentContext, type SegmentLoads } from './allocate.js';
import { overallFairness } from './evaluate.js';
import { floorCv } from './floor.js';
import { driverScore } from './metrics.js';
import type { SegmentPrep } from './prepare.js';
import type { Book, Settings, Weights } from './types.js';
import { sameWeights } from './weights.js';

// Optimize's tie tolerance (optimize.ts) plus a margin far above the rounding of a score (≈1e-12).
const PRUNE_GAP = 1e-9 + 1e-6;
// Bound checks at 1 − 2^−i of a segment's steps (50 %, 75 %, … ≈ 98 %): the bound tightens only as
// the rest shrinks, so checks are dense where they can stop a run and few elsewhere (each check and
// each restart of the kernel costs a few steps' worth).
const CHECKS = 6;
// Combinations run with each segment order before choosing one.
const EXPLORE = 3;

/** Upper bound of max(0, 100 − CV%) over every end of a run whose loads are at least `loads` and sum to `total`. */
export function fillScoreBound(loads: ArrayLike<number>, total: number): number {
  const k = loads.length;
  const sorted = Float64Array.from(loads).sort();
  let rest = total;
  for (let i = 0; i < k; i++) rest -= sorted[i]!;
  // The n lowest loads raised together to λ = (their sum + rest) / n, the first n where λ stays
  // at or below the next load: the least spread any end can reach (a convex minimum; majorization).
  let level = -Infinity;
  if (rest > 0) {
    let low = 0;
    for (let n = 1; n <= k; n++) {
      low += sorted[n - 1]!;
      const lambda = (low + rest) / n;
      if (n === k || lambda <= sorted[n]!) {
        level = lambda;
        break;
      }
    }
  }
  for (let i = 0; i < k && sorted[i]! < level; i++) sorted[i] = level;
  const score = driverScore(sorted);
  return score === null ? 100 : score.score;
}

/** Per segment of a prepared threshold: its rep count, and the bound on its Balanced before any step (floor.ts). */
interface SegmentBound {
  readonly reps: number;
  /** False when the segment has no composite (no reps, no accounts, no defined driver). */
  readonly counted: boolean;
  readonly floor: number;
}

function segmentBound(prep: SegmentPrep, riskEnabled: boolean): SegmentBound {
  const k = prep.reps.length;
  if (k === 0 || prep.accounts.length === 0) return { reps: k, counted: false, floor: 100 };
  const cv = floorCv(prep, riskEnabled);
  const scores = [cv.arr, cv.accounts, cv.risk].filter((v): v is number => v !== null).map((v) => Math.max(0, 100 - v));
  if (scores.length === 0) return { reps: k, counted: false, floor: 100 };
  return { reps: k, counted: true, floor: scores.reduce((a, b) => a + b, 0) / scores.length };
}

/** Bound on a segment's Balanced from its loads so far (each driver's water-filled score, their plain mean). */
function partialBound(book: Book, ctx: SegmentContext, loads: SegmentLoads): number {
  let sum = 0, count = 0;
  const drivers: [Float64Array, number][] = [[loads.arr, ctx.totalArr], [loads.accounts, ctx.totalAccounts]];
  if (book.riskEnabled) drivers.push([loads.riskArr, ctx.totalRiskArr]);
  for (const [values, total] of drivers) {
    // A driver is defined when its mean is not 0: its total is known before the run.
    if (total / ctx.reps.length === 0) continue;
    sum += fillScoreBound(values, total);
    count++;
  }
  return count === 0 ? 100 : sum / count;
}

export interface PruneOptions {
  /** A value already found on the grid: a combination that provably stays below it minus the tie tolerance may come back null. */
  readonly beat?: number | null;
}

/**
 * Overall Balanced fairness for the grid combinations at `indices`, like scoreWeightsAt, except that a
 * combination that provably cannot reach the best found so far (`beat`, then the values of this call)
 * comes back null. With caps the runs are not bounded (an account may stay unassigned): exact values.
 */
export function scoreWeightsPruned(
  book: Book,
  settings: Settings,
  grid: readonly Weights[],
  indices: readonly number[],
  session: EngineSession = new EngineSession(book),
  options: PruneOptions = {},
): (number | null)[] {
  const prep = session.prepared(settings.threshold, settings.riskCutoff);
  const bounds = [segmentBound(prep[0], book.riskEnabled), segmentBound(prep[1], book.riskEnabled)] as const;
  const repsCounted = (bounds[0].counted ? bounds[0].reps : 0) + (bounds[1].counted ? bounds[1].reps : 0);
  // Which segment goes first decides what a finished segment can rule out: the small one first is
  // cheap and may rule out the big one; the big one first may rule out the small one. Which pays
  // depends on the book, so the first combinations try both and the rest take the one that ran
  // fewer steps per combination (steps, not time: the choice never depends on the machine's load).
  const orders = [[0, 1], [1, 0]] as const;
  const steps = [0, 0], tried = [0, 0];
  const pickOrder = () => {
    if (tried[0]! < EXPLORE || tried[1]! < EXPLORE) return tried[0]! <= tried[1]! ? 0 : 1;
    return steps[0]! / tried[0]! <= steps[1]! / tried[1]! ? 0 : 1;
  };
  let beat = options.beat ?? -Infinity;
  const out: (number | null)[] = [];
  for (const index of indices) {
    const weights = grid[index]!;
    const run = { ...settings, weights };
    const current = sameWeights(weights, settings.weights);
    const contexts = [segmentContext(prep[0], run), segmentContext(prep[1], run)] as const;
    let value: number | null;
    if (current || repsCounted === 0 || beat === -Infinity || contexts[0].capped || contexts[1].capped) {
      value = overallFairness(book, allocateLoads(book, run, session), weights).balanced;
    } else {
      const o = pickOrder();
      const counter = { steps: 0 };
      value = boundedRun(session, book, run, contexts, bounds, orders[o], repsCounted, beat - PRUNE_GAP, counter);
      steps[o]! += counter.steps;
      tried[o]!++;
    }
    if (value !== null && value > beat) beat = value;
    out.push(value);
  }
  return out;
}

/** One combination's exact value, or null as soon as its bound falls below `below`. */
function boundedRun(
  session: EngineSession,
  book: Book,
  settings: Settings,
  contexts: readonly [SegmentContext, SegmentContext],
  bounds: readonly [SegmentBound, SegmentBound],
  order: readonly [0 | 1, 0 | 1],
  repsCounted: number,
  below: number,
  counter: { steps: number },
): number | null {
  const loads = [emptyLoads(contexts[0].reps.length), emptyLoads(contexts[1].reps.length)] as const;
  // Σ k_s · bound_s over counted segments; a segment's term tightens from its floor to its exact value.
  const term = [bounds[0].counted ? bounds[0].reps * bounds[0].floor : 0, bounds[1].counted ? bounds[1].reps * bounds[1].floor : 0];
  const cannotWin = () => (term[0]! + term[1]!) / repsCounted < below;
  for (const s of order) {
    const ctx = contexts[s];
    const segLoads = loads[s];
    let todo: Int32Array | null = null;
    if (ctx.lockCount > 0) {
      const local = new Int32Array(ctx.accounts.length).fill(-1);
      placeLocks(ctx, segLoads, local);
      todo = unplaced(local);
    }
    const n = todo ? todo.length : ctx.accounts.length;
    // runSegment over consecutive parts of the list decides exactly as over the whole list: each call
    // starts from the loads, and its decisions never depend on the order it visits reps in.
    for (let c = 1, from = 0; from < n; c++) {
      const to = c > CHECKS || !bounds[s].counted ? n : Math.max(from + 1, Math.round(n * (1 - 2 ** -c)));
      if (ctx.reps.length > 0) counter.steps += to - from;
      runSegmentLoads(session, ctx, settings, segLoads, todo, from, to);
      from = to;
      if (to >= n) break;
      term[s] = bounds[s].reps * Math.min(bounds[s].floor, partialBound(book, ctx, segLoads));
      if (cannotWin()) return null;
    }
    if (bounds[s].counted) {
      // The segment's exact Balanced, as overallFairness computes it below.
      const part = overallFairness(book, { contexts, loads }, settings.weights).parts[s]!;
      term[s] = bounds[s].reps * (part.balanced ?? bounds[s].floor);
      if (cannotWin()) return null;
    }
  }
  return overallFairness(book, { contexts, loads }, settings.weights).balanced;
}
