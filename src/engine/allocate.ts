/**
 * The weighted greedy allocation, exactly as SPEC §4.
 *
 * Hot path: flat typed arrays, per-segment locals, one scratch score array reused for every
 * account. The per-step evaluation (`scoreCandidates` + `pickWinner`) is shared with the
 * audit replay in audit.ts, so the audit explains exactly the arithmetic that decided.
 */
import { compareCodeUnits } from './cells.js';
import { segmentOf } from './segment.js';
import type { Book, SegmentIndex, Settings } from './types.js';

/** Everything one segment's steps need, prepared once per allocation. */
export interface SegmentContext {
  readonly segment: SegmentIndex;
  /** Global rep indexes (Reps-sheet order) of this segment's reps. */
  readonly reps: Int32Array;
  /** Location id of each local rep, -1 when blank. */
  readonly repLocation: Int32Array;
  /** Rank of each local rep's name: lower-cased code-unit order, then exact. */
  readonly nameRank: Int32Array;
  /** Account indexes of the segment in allocation order (ARR desc, ID asc). */
  readonly accounts: Int32Array;
  /** Σ x_d over the segment's accounts. */
  readonly totalArr: number;
  readonly totalAccounts: number;
  readonly totalRiskArr: number;
  /** w_d / 100, or 0 when the driver is left out of scoring (T_d = 0). */
  readonly wArr: number;
  readonly wAccounts: number;
  readonly wRisk: number;
  /** T_d² for the drivers in scoring. */
  readonly tArr2: number;
  readonly tAccounts2: number;
  readonly tRisk2: number;
  readonly useArr: boolean;
  readonly useAccounts: boolean;
  readonly useRisk: boolean;
}

/** Loads of one segment's reps, by local rep index: the state a later pass can continue from. */
export interface SegmentLoads {
  readonly arr: Float64Array;
  readonly accounts: Float64Array;
  readonly riskArr: Float64Array;
}

/** The result of one allocation: assignment, loads and the step order (audit is replayed from it). */
export interface Allocation {
  readonly settings: Settings;
  /** Segment of each account (0 Enterprise, 1 Mid-Market). */
  readonly segment: Uint8Array;
  /** Global rep index each account went to; -1 = unassigned (segment without reps). */
  readonly assigned: Int32Array;
  /** Account index of each audit step, in step order (step number = index + 1). */
  readonly steps: Int32Array;
  readonly contexts: readonly [SegmentContext, SegmentContext];
  readonly loads: readonly [SegmentLoads, SegmentLoads];
  /** Accounts left unassigned because their segment has no reps. */
  readonly unassigned: Int32Array;
}

/** Ties: every rep with score − min ≤ 1e-9 · min (SPEC §14). */
export const TIE_TOLERANCE = 1e-9;

/** Is account `a` high-risk under these settings? Never when risk is disabled. */
export function isHighRisk(book: Book, a: number, riskCutoff: number): boolean {
  return book.riskEnabled && book.accounts.risk[a]! >= riskCutoff;
}

/** Rank of every rep's name: lower-cased code-unit order, then exact code-unit order. */
export function nameRanks(book: Book): Int32Array {
  const idx = book.reps.map((_, i) => i);
  idx.sort((x, y) => {
    const a = book.reps[x]!.name, b = book.reps[y]!.name;
    return compareCodeUnits(a.toLowerCase(), b.toLowerCase()) || compareCodeUnits(a, b);
  });
  const rank = new Int32Array(book.reps.length);
  idx.forEach((rep, position) => (rank[rep] = position));
  return rank;
}

/** Splits the book's global ARR order by segment, keeping the order. */
export function segmentOrders(book: Book, threshold: number): [Int32Array, Int32Array] {
  const { order } = book;
  const { employees } = book.accounts;
  let enterprise = 0;
  for (let i = 0; i < order.length; i++) if (employees[order[i]!]! >= threshold) enterprise++;
  const ent = new Int32Array(enterprise);
  const mm = new Int32Array(order.length - enterprise);
  let e = 0, m = 0;
  for (let i = 0; i < order.length; i++) {
    const a = order[i]!;
    if (employees[a]! >= threshold) ent[e++] = a;
    else mm[m++] = a;
  }
  return [ent, mm];
}

/** Prepares one segment: its reps, targets and the weights of the drivers in scoring. */
export function segmentContext(
  book: Book,
  settings: Settings,
  segment: SegmentIndex,
  accounts: Int32Array,
  ranks: Int32Array,
): SegmentContext {
  const segmentName = segment === 0 ? 'Enterprise' : 'Mid-Market';
  const repList: number[] = [];
  book.reps.forEach((r, i) => {
    if (r.segment === segmentName) repList.push(i);
  });
  const reps = Int32Array.from(repList);
  const k = reps.length;
  const { arr } = book.accounts;
  let totalArr = 0, totalRiskArr = 0;
  // Σ x_d in allocation order, so every implementation sums in the same order.
  for (let i = 0; i < accounts.length; i++) {
    const a = accounts[i]!;
    totalArr += arr[a]!;
    if (isHighRisk(book, a, settings.riskCutoff)) totalRiskArr += arr[a]!;
  }
  const totalAccounts = accounts.length;
  const tArr = k > 0 ? totalArr / k : 0;
  const tAccounts = k > 0 ? totalAccounts / k : 0;
  const tRisk = k > 0 ? totalRiskArr / k : 0;
  const useArr = tArr !== 0, useAccounts = tAccounts !== 0, useRisk = tRisk !== 0;
  return {
    segment,
    reps,
    repLocation: Int32Array.from(repList, (r) => book.repLocationId[r]!),
    nameRank: Int32Array.from(repList, (r) => ranks[r]!),
    accounts,
    totalArr,
    totalAccounts,
    totalRiskArr,
    wArr: useArr ? settings.weights.arr / 100 : 0,
    wAccounts: useAccounts ? settings.weights.accounts / 100 : 0,
    wRisk: useRisk ? settings.weights.risk / 100 : 0,
    tArr2: tArr * tArr,
    tAccounts2: tAccounts * tAccounts,
    tRisk2: tRisk * tRisk,
    useArr,
    useAccounts,
    useRisk,
  };
}

/** Scratch arrays for one step's candidates, reused across steps. */
export interface StepScratch {
  readonly blended: Float64Array;
  readonly bonus: Float64Array;
  readonly score: Float64Array;
}

export function stepScratch(k: number): StepScratch {
  return { blended: new Float64Array(k), bonus: new Float64Array(k), score: new Float64Array(k) };
}

/**
 * Scores account `a` for every rep of the segment into `out`; returns the lowest score.
 * blended = Σ_d w_d·x_d·(2·L + x_d)/T_d² (ARR, Accounts, Risk in that order),
 * score = blended / (1 + bonus).
 */
export function scoreCandidates(
  book: Book,
  settings: Settings,
  ctx: SegmentContext,
  loads: SegmentLoads,
  a: number,
  out: StepScratch,
): number {
  const xArr = book.accounts.arr[a]!;
  const xRisk = isHighRisk(book, a, settings.riskCutoff) ? xArr : 0;
  const accountLocation = book.accounts.locationId[a]!;
  const originalRep = book.accounts.originalRepIndex[a]!;
  const { reps, repLocation, useArr, useAccounts, useRisk, tArr2, tAccounts2, tRisk2 } = ctx;
  // w_d · x_d is the first product of each term, computed once per account.
  const wxArr = ctx.wArr * xArr, wxAccounts = ctx.wAccounts * 1, wxRisk = ctx.wRisk * xRisk;
  const geo = settings.geoBonus, preserve = settings.preserveBonus;
  const la = loads.arr, ln = loads.accounts, lr = loads.riskArr;
  const { blended: outBlended, bonus: outBonus, score: outScore } = out;
  let min = Infinity;
  // One pass over the segment's reps: blended increase, bonus, score, running minimum.
  for (let i = 0; i < reps.length; i++) {
    let blended = 0;
    if (useArr) blended += (wxArr * (2 * la[i]! + xArr)) / tArr2;
    if (useAccounts) blended += (wxAccounts * (2 * ln[i]! + 1)) / tAccounts2;
    if (useRisk) blended += (wxRisk * (2 * lr[i]! + xRisk)) / tRisk2;
    let bonus = 0;
    if (accountLocation >= 0 && repLocation[i] === accountLocation) bonus += geo;
    if (originalRep === reps[i]) bonus += preserve;
    const score = bonus === 0 ? blended : blended / (1 + bonus);
    outBlended[i] = blended;
    outBonus[i] = bonus;
    outScore[i] = score;
    if (score < min) min = score;
  }
  return min;
}

/** The winner among the tie set: lowest current ARR, then the name that sorts first. */
export function pickWinner(ctx: SegmentContext, loads: SegmentLoads, score: Float64Array, min: number): number {
  const limit = TIE_TOLERANCE * min;
  const la = loads.arr, rank = ctx.nameRank;
  let best = -1;
  for (let i = 0; i < score.length; i++) {
    if (score[i]! - min > limit) continue;
    if (best < 0 || la[i]! < la[best]! || (la[i] === la[best] && rank[i]! < rank[best]!)) best = i;
  }
  return best;
}

/** Adds account `a` to local rep `i`'s loads. */
export function addToLoads(book: Book, settings: Settings, loads: SegmentLoads, i: number, a: number): void {
  const x = book.accounts.arr[a]!;
  loads.arr[i]! += x;
  loads.accounts[i]! += 1;
  if (isHighRisk(book, a, settings.riskCutoff)) loads.riskArr[i]! += x;
}

export function emptyLoads(k: number): SegmentLoads {
  return { arr: new Float64Array(k), accounts: new Float64Array(k), riskArr: new Float64Array(k) };
}

/** Runs the weighted greedy over both segments: Enterprise first, steps numbered across both. */
export function allocate(book: Book, settings: Settings, ranks: Int32Array = nameRanks(book)): Allocation {
  const n = book.accounts.count;
  const segment = new Uint8Array(n);
  const assigned = new Int32Array(n).fill(-1);
  const orders = segmentOrders(book, settings.threshold);
  const contexts = [
    segmentContext(book, settings, 0, orders[0], ranks),
    segmentContext(book, settings, 1, orders[1], ranks),
  ] as const;
  const loads = [emptyLoads(contexts[0].reps.length), emptyLoads(contexts[1].reps.length)] as const;
  const steps = new Int32Array(n);
  let stepCount = 0;
  const unassigned: number[] = [];
  for (const ctx of contexts) {
    const segLoads = loads[ctx.segment];
    const scratch = stepScratch(ctx.reps.length);
    // Each account in ARR order goes to the lowest-scoring rep; loads grow as we go.
    for (let j = 0; j < ctx.accounts.length; j++) {
      const a = ctx.accounts[j]!;
      segment[a] = ctx.segment;
      if (ctx.reps.length === 0) {
        unassigned.push(a);
        continue;
      }
      const min = scoreCandidates(book, settings, ctx, segLoads, a, scratch);
      const winner = pickWinner(ctx, segLoads, scratch.score, min);
      assigned[a] = ctx.reps[winner]!;
      addToLoads(book, settings, segLoads, winner, a);
      steps[stepCount++] = a;
    }
  }
  return {
    settings,
    segment,
    assigned,
    steps: steps.subarray(0, stepCount),
    contexts,
    loads,
    unassigned: Int32Array.from(unassigned),
  };
}

/** Segment of every account at a threshold, without allocating. */
export function segmentsAt(book: Book, threshold: number): Uint8Array {
  const { employees } = book.accounts;
  const out = new Uint8Array(employees.length);
  for (let a = 0; a < employees.length; a++) out[a] = segmentOf(employees[a]!, threshold);
  return out;
}
