/**
 * One scenario end to end: allocation, per-segment fairness, composites, before/after
 * comparison and the warnings that depend on the threshold (SPEC §4, §5, §8).
 */
import { allocate, isHighRisk, nameRanks, type Allocation, type SegmentContext, type SegmentLoads } from './allocate.js';
import {
  balancedComposite,
  customComposite,
  driverScore,
  driverStats,
  overallComposite,
  type DriverScores,
  type DriverSet,
} from './metrics.js';
import { countOf } from './format.js';
import { SEGMENTS, type Book, type SegmentName, type Settings, type Warning, type Weights } from './types.js';

export interface SegmentResult {
  readonly name: SegmentName;
  /** Every account of the segment, assigned or not. */
  readonly accounts: number;
  readonly arr: number;
  readonly riskArr: number;
  /** Global rep indexes, Reps-sheet order. */
  readonly reps: Int32Array;
  /** Loads by local rep index (same order as `reps`). */
  readonly loads: SegmentLoads;
  /** Null when the segment has no accounts or no reps. */
  readonly drivers: DriverSet | null;
  readonly custom: number | null;
  readonly balanced: number | null;
  /** The same reps' original books (§8); null when the segment has no reps. */
  readonly beforeLoads: SegmentLoads | null;
  readonly before: DriverSet | null;
  readonly unassigned: number;
}

export interface Evaluation {
  readonly settings: Settings;
  readonly allocation: Allocation;
  readonly segments: readonly [SegmentResult, SegmentResult];
  readonly overall: { readonly custom: number | null; readonly balanced: number | null };
  /** Mean Enterprise account ARR / mean Mid-Market account ARR; null when undefined. */
  readonly dealSizeRatio: number | null;
  readonly moved: { readonly accounts: number; readonly arr: number };
  /** Warnings that depend on the threshold (segments without reps, empty segments, idle reps). */
  readonly warnings: readonly Warning[];
}

/** Full driver statistics of a set of loads; Risk is null when risk balancing is off. */
export function driverSet(book: Book, loads: SegmentLoads): DriverSet {
  return {
    arr: driverStats(loads.arr),
    accounts: driverStats(loads.accounts),
    risk: book.riskEnabled ? driverStats(loads.riskArr) : null,
  };
}

/** Driver scores only (no Gini, no Min/Max): what every sensitivity and Optimize run needs. */
export function driverScores(book: Book, loads: SegmentLoads): DriverScores {
  return {
    arr: driverScore(loads.arr),
    accounts: driverScore(loads.accounts),
    risk: book.riskEnabled ? driverScore(loads.riskArr) : null,
  };
}

/** The part of a run that fairness needs: per-segment contexts and loads. */
export interface LoadsRun {
  readonly contexts: readonly [SegmentContext, SegmentContext];
  readonly loads: readonly [SegmentLoads, SegmentLoads];
}

/**
 * Per-segment composites and the Overall ones. A segment without accounts or reps has none.
 * `statsOf` picks how much per driver: scores (the default, for sweeps) or full statistics.
 */
export function overallFairness<S extends DriverScores = DriverScores>(
  book: Book,
  run: LoadsRun,
  weights: Weights,
  statsOf: (book: Book, loads: SegmentLoads) => S = driverScores as (book: Book, loads: SegmentLoads) => S,
) {
  const parts = run.contexts.map((ctx) => {
    const k = ctx.reps.length;
    if (k === 0 || ctx.accounts.length === 0) return { reps: k, custom: null, balanced: null, drivers: null };
    const drivers = statsOf(book, run.loads[ctx.segment]);
    return { reps: k, custom: customComposite(drivers, weights), balanced: balancedComposite(drivers), drivers };
  });
  return {
    parts,
    custom: overallComposite(parts.map((p) => ({ reps: p.reps, value: p.custom }))),
    balanced: overallComposite(parts.map((p) => ({ reps: p.reps, value: p.balanced }))),
  };
}

/** Mean Enterprise ARR per account over mean Mid-Market ARR per account. */
export function dealSizeRatio(run: Pick<LoadsRun, 'contexts'>): number | null {
  const [e, m] = run.contexts;
  if (e.accounts.length === 0 || m.accounts.length === 0) return null;
  const mmMean = m.totalArr / m.accounts.length;
  if (mmMean === 0) return null;
  return e.totalArr / e.accounts.length / mmMean;
}

// Original books depend only on the book and the cutoff: computed once, not per slider move.
const originalCache = new WeakMap<Book, { riskCutoff: number; loads: SegmentLoads }>();

/** Each rep's original book (all their accounts, any segment), by global rep index. */
export function originalBooks(book: Book, riskCutoff: number): SegmentLoads {
  const hit = originalCache.get(book);
  if (hit && hit.riskCutoff === riskCutoff) return hit.loads;
  const loads = computeOriginalBooks(book, riskCutoff);
  originalCache.set(book, { riskCutoff, loads });
  return loads;
}

function computeOriginalBooks(book: Book, riskCutoff: number): SegmentLoads {
  const k = book.reps.length;
  const loads = { arr: new Float64Array(k), accounts: new Float64Array(k), riskArr: new Float64Array(k) };
  const { arr, originalRepIndex } = book.accounts;
  for (let a = 0; a < book.accounts.count; a++) {
    const r = originalRepIndex[a]!;
    if (r < 0) continue;
    loads.arr[r]! += arr[a]!;
    loads.accounts[r]! += 1;
    if (isHighRisk(book, a, riskCutoff)) loads.riskArr[r]! += arr[a]!;
  }
  return loads;
}

/**
 * Did the account move? Original vs assigned rep, trimmed and case-insensitive, blank = unassigned.
 * An orphan original rep is on no Reps row, so no assignment can equal it.
 */
export function accountMoved(book: Book, allocation: Allocation, a: number): boolean {
  const to = allocation.assigned[a]!;
  const from = book.accounts.originalRepIndex[a]!;
  if (from >= 0) return to !== from;
  return book.accounts.originalRep[a] === '' ? to >= 0 : true;
}

/** Runs the allocation and every metric for one set of settings. */
export function evaluate(book: Book, settings: Settings, ranks?: Int32Array): Evaluation {
  const allocation = allocate(book, settings, ranks ?? nameRanks(book));
  const fairness = overallFairness(book, allocation, settings.weights, driverSet);
  const before = originalBooks(book, settings.riskCutoff);
  const segments = allocation.contexts.map((ctx, s): SegmentResult => {
    const k = ctx.reps.length;
    const beforeLoads = k === 0 ? null : pick(before, ctx.reps);
    return {
      name: SEGMENTS[s]!,
      accounts: ctx.accounts.length,
      arr: ctx.totalArr,
      riskArr: ctx.totalRiskArr,
      reps: ctx.reps,
      loads: allocation.loads[s]!,
      drivers: fairness.parts[s]!.drivers,
      custom: fairness.parts[s]!.custom,
      balanced: fairness.parts[s]!.balanced,
      beforeLoads,
      before: beforeLoads ? driverSet(book, beforeLoads) : null,
      unassigned: k === 0 ? ctx.accounts.length : 0,
    };
  }) as unknown as readonly [SegmentResult, SegmentResult];

  let movedAccounts = 0, movedArr = 0;
  for (let a = 0; a < book.accounts.count; a++) {
    if (!accountMoved(book, allocation, a)) continue;
    movedAccounts++;
    movedArr += book.accounts.arr[a]!;
  }
  return {
    settings,
    allocation,
    segments,
    overall: { custom: fairness.custom, balanced: fairness.balanced },
    dealSizeRatio: dealSizeRatio(allocation),
    moved: { accounts: movedAccounts, arr: movedArr },
    warnings: allocationWarnings(book, allocation, segments),
  };
}

function pick(loads: SegmentLoads, reps: Int32Array): SegmentLoads {
  return {
    arr: Float64Array.from(reps, (r) => loads.arr[r]!),
    accounts: Float64Array.from(reps, (r) => loads.accounts[r]!),
    riskArr: Float64Array.from(reps, (r) => loads.riskArr[r]!),
  };
}

function allocationWarnings(book: Book, allocation: Allocation, segments: readonly SegmentResult[]): Warning[] {
  const warnings: Warning[] = [];
  for (const seg of segments) {
    if (seg.accounts === 0) {
      warnings.push({ code: 'empty-segment', segment: seg.name, message: `No ${seg.name} accounts at this threshold.` });
    } else if (seg.reps.length === 0) {
      const ctx = allocation.contexts[seg.name === 'Enterprise' ? 0 : 1];
      const ids = Array.from(ctx.accounts.subarray(0, 50), (a) => book.accounts.id[a]!);
      warnings.push({
        code: 'segment-without-reps', segment: seg.name, subjects: ids, count: seg.accounts,
        message: `${countOf(seg.accounts, `${seg.name} account`)} ${seg.accounts === 1 ? 'stays' : 'stay'} unassigned: the Reps sheet has no ${seg.name} reps. Add one, or move the threshold. Unassigned: ${ids.slice(0, 10).join(', ')}${seg.accounts > 10 ? ', …' : ''}.`,
      });
    }
  }
  const idle: string[] = [];
  for (const seg of segments) {
    seg.reps.forEach((r, i) => {
      if (seg.loads.accounts[i] === 0) idle.push(book.reps[r]!.name);
    });
  }
  if (idle.length > 0) {
    warnings.push({
      code: 'rep-without-accounts', subjects: idle, count: idle.length,
      message: `${countOf(idle.length, 'rep')} ${idle.length === 1 ? 'ends' : 'end'} with no accounts: ${idle.slice(0, 20).join(', ')}${idle.length > 20 ? ', …' : ''}.`,
    });
  }
  return warnings;
}
