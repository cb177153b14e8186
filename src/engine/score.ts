/**
 * The literal §4 step: every candidate rep's blended increase, bonus and score, and the tie rules.
 * The audit replays allocation steps with exactly this code, so it shows the arithmetic that decided;
 * the fast kernel (kernel.ts) agrees with it and is checked against it.
 */
import type { SegmentContext } from './prepare.js';
import type { Book, Settings } from './types.js';

/** Loads of one segment's reps, by local rep index: the state a later pass continues from. */
export interface SegmentLoads {
  readonly arr: Float64Array;
  readonly accounts: Float64Array;
  readonly riskArr: Float64Array;
}

/** Ties: every rep with score − min ≤ 1e-9 · min (SPEC §14). */
export const TIE_TOLERANCE = 1e-9;

/** Is account `a` high-risk under these settings? Never when risk is disabled. */
export function isHighRisk(book: Book, a: number, riskCutoff: number): boolean {
  return book.riskEnabled && book.accounts.risk[a]! >= riskCutoff;
}

export function emptyLoads(k: number): SegmentLoads {
  return { arr: new Float64Array(k), accounts: new Float64Array(k), riskArr: new Float64Array(k) };
}

/** Adds account `a` to local rep `i`'s loads. */
export function addToLoads(book: Book, settings: Settings, loads: SegmentLoads, i: number, a: number): void {
  const x = book.accounts.arr[a]!;
  loads.arr[i]! += x;
  loads.accounts[i]! += 1;
  if (isHighRisk(book, a, settings.riskCutoff)) loads.riskArr[i]! += x;
}

/** Scratch arrays for one step's candidates, reused across steps. */
export interface StepScratch {
  readonly blended: Float64Array;
  readonly bonus: Float64Array;
  readonly score: Float64Array;
  /** 1 when the rep is a candidate: below its cap (SPEC §15). */
  readonly eligible: Uint8Array;
}

export function stepScratch(k: number): StepScratch {
  return { blended: new Float64Array(k), bonus: new Float64Array(k), score: new Float64Array(k), eligible: new Uint8Array(k) };
}

/**
 * Scores account `a` for every rep of the segment into `out`; returns the lowest score among the
 * candidates (Infinity when every rep is at its cap). A rep at its cap is no candidate: its score is
 * Infinity. blended = Σ_d w_d·x_d·(2·L + x_d)/T_d² (ARR, Accounts, Risk in that order), score = blended / (1 + bonus).
 */
export function scoreCandidates(book: Book, settings: Settings, ctx: SegmentContext, loads: SegmentLoads, a: number, out: StepScratch): number {
  const xArr = book.accounts.arr[a]!;
  const xRisk = isHighRisk(book, a, settings.riskCutoff) ? xArr : 0;
  const accountLocation = book.accounts.locationId[a]!;
  const originalRep = book.accounts.originalRepIndex[a]!;
  const { reps, repLocation, useArr, useAccounts, useRisk, tArr2, tAccounts2, tRisk2, cap } = ctx;
  // w_d · x_d is the first product of each term, computed once per account.
  const wxArr = ctx.wArr * xArr, wxAccounts = ctx.wAccounts * 1, wxRisk = ctx.wRisk * xRisk;
  const geo = settings.geoBonus, preserve = settings.preserveBonus;
  const la = loads.arr, ln = loads.accounts, lr = loads.riskArr;
  const { blended: outBlended, bonus: outBonus, score: outScore, eligible } = out;
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
    const candidate = ln[i]! < cap[i]!;
    const score = !candidate ? Infinity : bonus === 0 ? blended : blended / (1 + bonus);
    outBlended[i] = blended;
    outBonus[i] = bonus;
    outScore[i] = score;
    eligible[i] = candidate ? 1 : 0;
    if (score < min) min = score;
  }
  return min;
}

/** The winner among the tie set: lowest current ARR, then the name that sorts first; -1 without candidates. */
export function pickWinner(ctx: SegmentContext, loads: SegmentLoads, score: Float64Array, min: number): number {
  if (min === Infinity) return -1;
  const limit = TIE_TOLERANCE * min;
  const la = loads.arr, rank = ctx.nameRank;
  let best = -1;
  for (let i = 0; i < score.length; i++) {
    if (score[i]! - min > limit) continue;
    if (best < 0 || la[i]! < la[best]! || (la[i] === la[best] && rank[i]! < rank[best]!)) best = i;
  }
  return best;
}
