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

/** A prepared segment with the weights of one run: everything its steps need. */
export interface SegmentContext extends SegmentPrep {
  /** w_d / 100, or 0 when the driver is left out of scoring (T_d = 0). */
  readonly wArr: number;
  readonly wAccounts: number;
  readonly wRisk: number;
  /** T_d² (0 for a driver left out). */
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

/** Per-threshold data of one segment, independent of weights and bonuses: shared by every Optimize run. */
export interface SegmentPrep {
  readonly segment: SegmentIndex;
  readonly reps: Int32Array;
  readonly repLocation: Int32Array;
  readonly nameRank: Int32Array;
  /** Account indexes in allocation order, and per position j: x_ARR, x_Risk, location id, original rep (local, -1). */
  readonly accounts: Int32Array;
  readonly xArr: Float64Array;
  readonly xRisk: Float64Array;
  readonly location: Int32Array;
  readonly originalLocal: Int32Array;
  /** Local reps per location id, as CSR: reps of location L are geoList[geoStart[L] .. geoStart[L + 1]). */
  readonly geoStart: Int32Array;
  readonly geoList: Int32Array;
  readonly totalArr: number;
  readonly totalAccounts: number;
  readonly totalRiskArr: number;
}

/** Splits the book at a threshold and lays each segment out in flat arrays (O(accounts)). */
export function prepareSegments(book: Book, threshold: number, riskCutoff: number, ranks: Int32Array): readonly [SegmentPrep, SegmentPrep] {
  const orders = segmentOrders(book, threshold);
  return [prepareSegment(book, 0, orders[0], riskCutoff, ranks), prepareSegment(book, 1, orders[1], riskCutoff, ranks)] as const;
}

function prepareSegment(book: Book, segment: SegmentIndex, accounts: Int32Array, riskCutoff: number, ranks: Int32Array): SegmentPrep {
  const segmentName = segment === 0 ? 'Enterprise' : 'Mid-Market';
  const repList: number[] = [];
  book.reps.forEach((r, i) => {
    if (r.segment === segmentName) repList.push(i);
  });
  const reps = Int32Array.from(repList);
  // Global rep index → local index in this segment (-1 for reps of the other segment, and for -1).
  const local = new Int32Array(book.reps.length + 1).fill(-1);
  repList.forEach((r, i) => (local[r + 1] = i));
  const m = accounts.length;
  const xArr = new Float64Array(m), xRisk = new Float64Array(m);
  const location = new Int32Array(m), originalLocal = new Int32Array(m);
  const { arr, risk, locationId, originalRepIndex } = book.accounts;
  const riskOn = book.riskEnabled;
  let totalArr = 0, totalRiskArr = 0;
  // Σ x_d in allocation order, so every run sums in the same order.
  for (let j = 0; j < m; j++) {
    const a = accounts[j]!;
    const x = arr[a]!;
    xArr[j] = x;
    totalArr += x;
    if (riskOn && risk[a]! >= riskCutoff) {
      xRisk[j] = x;
      totalRiskArr += x;
    }
    location[j] = locationId[a]!;
    originalLocal[j] = local[originalRepIndex[a]! + 1]!;
  }
  const repLocation = Int32Array.from(repList, (r) => book.repLocationId[r]!);
  // CSR index of reps by location, so a step visits only geo-matched reps for the bonus.
  const locations = book.locations.length;
  const geoStart = new Int32Array(locations + 1);
  for (const l of repLocation) if (l >= 0) geoStart[l + 1]!++;
  for (let l = 0; l < locations; l++) geoStart[l + 1]! += geoStart[l]!;
  const fill = geoStart.slice(0, locations);
  const geoList = new Int32Array(geoStart[locations]!);
  repLocation.forEach((l, i) => {
    if (l >= 0) geoList[fill[l]!++] = i;
  });
  return {
    segment, reps, repLocation, nameRank: Int32Array.from(repList, (r) => ranks[r]!),
    accounts, xArr, xRisk, location, originalLocal, geoStart, geoList,
    totalArr, totalAccounts: m, totalRiskArr,
  };
}

/** A prepared segment plus the weights of the drivers in scoring (T_d ≠ 0). */
export function segmentContext(prep: SegmentPrep, settings: Settings): SegmentContext {
  const k = prep.reps.length;
  const tArr = k > 0 ? prep.totalArr / k : 0;
  const tAccounts = k > 0 ? prep.totalAccounts / k : 0;
  const tRisk = k > 0 ? prep.totalRiskArr / k : 0;
  const useArr = tArr !== 0, useAccounts = tAccounts !== 0, useRisk = tRisk !== 0;
  return {
    ...prep,
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

// Safety margin for the approximate pass: its keys are within ~10 ulps (≈1e-15) of the exact
// scores because every term is non-negative, so 1e-12 can never exclude a tied rep.
const WINDOW = TIE_TOLERANCE + 1e-12;

/**
 * The hot loop of one segment, exact by construction but fast.
 *
 * Ranking needs only the rep-dependent part of the blended increase:
 *   key = x·P + Q,  P = α·L_ARR [+ ρ·L_Risk when high-risk],  Q = ν·L_Accounts,
 *   α = 2w_A/T_A², ρ = 2w_R/T_R², ν = 2w_N/T_N²,
 * Pass 1 visits reps in ascending account count (so ascending Q) and stops as soon as the lower
 * bound x·P_min + Q exceeds the tie window of the best key so far — every later rep without a bonus
 * has a larger Q. Rounding is monotone, so the computed bound never exceeds a computed key. A bonus
 * shrinks a key below the bound, so bonus reps met in the scan are keyed with their bonus and those
 * beyond the stop are scored after it. Pass 2 computes the literal SPEC score (Σ w·x·(2L + x)/T²,
 * / (1 + bonus), as `scoreCandidates`) for the few reps in the window — which provably holds the
 * whole tie set — and applies the tie rules. A differential test checks this against a reference.
 */
export function runSegment(ctx: SegmentContext, settings: Settings, loads: SegmentLoads, assigned: Int32Array | null, steps: Int32Array | null, stepOffset: number): void {
  const k = ctx.reps.length;
  const m = ctx.accounts.length;
  if (k === 0) return;
  const { xArr, xRisk, location, originalLocal, geoStart, geoList, nameRank, reps, accounts, repLocation } = ctx;
  const wA = ctx.wArr, wN = ctx.wAccounts, wR = ctx.wRisk;
  // A driver left out of scoring has w = 0; T² = 1 keeps its literal term an exact +0.
  const tA2 = ctx.useArr ? ctx.tArr2 : 1, tN2 = ctx.useAccounts ? ctx.tAccounts2 : 1, tR2 = ctx.useRisk ? ctx.tRisk2 : 1;
  const alpha = (2 * wA) / tA2, nu = (2 * wN) / tN2, rho = (2 * wR) / tR2;
  // Approximate-pass constants: the window only needs values within a few ulps, not literal ones.
  const cA = wA / tA2, cN = wN / tN2, cR = wR / tR2;
  const geo = settings.geoBonus, preserve = settings.preserveBonus;
  const shrinkGeo = 1 / (1 + geo), shrinkBoth = 1 / (1 + (geo + preserve)), shrinkPreserve = 1 / (1 + preserve);

  // Per rep: loads [ARR, Accounts, Risk]; [P, Q] for plain accounts and for high-risk ones.
  const L = new Float64Array(3 * k), plain = new Float64Array(2 * k), risky = new Float64Array(2 * k);
  const refresh = (i: number) => {
    const a = alpha * L[3 * i]!, n = nu * L[3 * i + 1]!;
    plain[2 * i] = a;
    plain[2 * i + 1] = n;
    risky[2 * i] = a + rho * L[3 * i + 2]!;
    risky[2 * i + 1] = n;
  };
  let maxCount = 0;
  for (let i = 0; i < k; i++) {
    L[3 * i] = loads.arr[i]!;
    L[3 * i + 1] = loads.accounts[i]!;
    L[3 * i + 2] = loads.riskArr[i]!;
    refresh(i);
    maxCount = Math.max(maxCount, loads.accounts[i]!);
  }
  // Reps ordered by account count; last[c] = position of the last rep holding c accounts.
  const order = Int32Array.from({ length: k }, (_, i) => i).sort((x, y) => L[3 * x + 1]! - L[3 * y + 1]! || x - y);
  const pos = new Int32Array(k);
  const last = new Int32Array(maxCount + m + 2).fill(-1);
  order.forEach((i, p) => {
    pos[i] = p;
    last[L[3 * i + 1]!] = p;
  });
  const minSlope = (slopes: Float64Array) => {
    let v = Infinity;
    for (let i = 0; i < k; i++) if (slopes[2 * i]! < v) v = slopes[2 * i]!;
    return v;
  };
  let pMinPlain = minSlope(plain), pMinRisky = minSlope(risky);

  const key = new Float64Array(k), exact = new Float64Array(k);
  const list = new Int32Array(2 * k + 2), ties = new Int32Array(k);
  for (let j = 0; j < m; j++) {
    const xA = xArr[j]!, xR = xRisk[j]!;
    const wxA = wA * xA, wxN = wN * 1, wxR = wR * xR;
    // The rep-independent part of every blended increase: Σ w·x·x/T².
    const base = xA * xA * cA + cN + xR * xR * cR;
    const slopes = xR > 0 ? risky : plain;
    const floor = xA * (xR > 0 ? pMinRisky : pMinPlain);
    const loc = location[j]!, orig = originalLocal[j]!;
    // -2 matches no rep (a blank location is -1, and blank never matches).
    const geoLoc = geo !== 0 && loc >= 0 ? loc : -2, bonusOrig = preserve !== 0 ? orig : -1;

    // Pass 1: reps in ascending count until the bound rules the rest out; a bonus rep met on the
    // way is keyed with its bonus (the bound holds only for reps without one).
    let min = Infinity, limit = Infinity, count = 0, p = 0;
    for (; p < k; p++) {
      const i = order[p]!;
      const q = slopes[2 * i + 1]!;
      if (floor + q > limit) break;
      let v = xA * slopes[2 * i]! + q;
      const g = repLocation[i] === geoLoc, o = i === bonusOrig;
      if (g || o) v = (base + v) * (g ? (o ? shrinkBoth : shrinkGeo) : shrinkPreserve) - base;
      if (v > limit) continue;
      key[i] = v;
      if (v < min) {
        min = v;
        limit = v + WINDOW * (base + v);
      }
      list[count++] = i;
    }
    // Bonus reps the scan did not reach: geo-matched (with preserve when also the original rep), then the original rep.
    // The window update is written out in each place: a shared closure over min/limit/count costs 20 %.
    if (p < k) {
      if (geoLoc >= 0) {
        for (let g = geoStart[geoLoc]!; g < geoStart[geoLoc + 1]!; g++) {
          const i = geoList[g]!;
          if (pos[i]! < p) continue;
          const v = (base + (xA * slopes[2 * i]! + slopes[2 * i + 1]!)) * (i === bonusOrig ? shrinkBoth : shrinkGeo) - base;
          if (v > limit) continue;
          key[i] = v;
          if (v < min) {
            min = v;
            limit = v + WINDOW * (base + v);
          }
          list[count++] = i;
        }
      }
      if (bonusOrig >= 0 && pos[bonusOrig]! >= p && repLocation[bonusOrig] !== geoLoc) {
        const v = (base + (xA * slopes[2 * bonusOrig]! + slopes[2 * bonusOrig + 1]!)) * shrinkPreserve - base;
        if (v <= limit) {
          key[bonusOrig] = v;
          if (v < min) {
            min = v;
            limit = v + WINDOW * (base + v);
          }
          list[count++] = bonusOrig;
        }
      }
    }
    // Pass 2: literal scores for the window.
    let exactMin = Infinity, inWindow = 0;
    for (let q = 0; q < count; q++) {
      const i = list[q]!;
      if (key[i]! > limit) continue;
      const o = 3 * i;
      const blended = (wxA * (2 * L[o]! + xA)) / tA2 + (wxN * (2 * L[o + 1]! + 1)) / tN2 + (wxR * (2 * L[o + 2]! + xR)) / tR2;
      let bonus = 0;
      if (loc >= 0 && repLocation[i] === loc) bonus += geo;
      if (i === orig) bonus += preserve;
      const score = bonus === 0 ? blended : blended / (1 + bonus);
      exact[i] = score;
      ties[inWindow++] = i;
      if (score < exactMin) exactMin = score;
    }
    // The tie set's winner: lowest current ARR, then name rank.
    const tie = TIE_TOLERANCE * exactMin;
    let best = -1;
    for (let q = 0; q < inWindow; q++) {
      const i = ties[q]!;
      if (exact[i]! - exactMin > tie) continue;
      if (best < 0 || L[3 * i]! < L[3 * best]! || (L[3 * i] === L[3 * best] && nameRank[i]! < nameRank[best]!)) best = i;
    }

    // Unreachable with validated input (amounts ≤ 1e100 keep every score finite); never guess a rep.
    if (best < 0) throw new Error(`allocation found no winner for account ${ctx.accounts[j]} (non-finite scores)`);
    // The winner moves to the end of its count group, which makes it the first of the next group.
    const c = L[3 * best + 1]!;
    const e = last[c]!, from = pos[best]!;
    const other = order[e]!;
    order[e] = best;
    order[from] = other;
    pos[other] = from;
    pos[best] = e;
    last[c] = e - 1;
    if (!(e + 1 < k && L[3 * order[e + 1]! + 1] === c + 1)) last[c + 1] = e;
    const wasPlainMin = plain[2 * best] === pMinPlain, wasRiskyMin = risky[2 * best] === pMinRisky;
    L[3 * best]! += xA;
    L[3 * best + 1]! += 1;
    L[3 * best + 2]! += xR;
    refresh(best);
    // Slopes only grow, so the minimum changes only when its holder won.
    if (wasPlainMin) pMinPlain = minSlope(plain);
    if (wasRiskyMin) pMinRisky = minSlope(risky);
    if (assigned) assigned[accounts[j]!] = reps[best]!;
    if (steps) steps[stepOffset + j] = accounts[j]!;
  }
  for (let i = 0; i < k; i++) {
    loads.arr[i] = L[3 * i]!;
    loads.accounts[i] = L[3 * i + 1]!;
    loads.riskArr[i] = L[3 * i + 2]!;
  }
}

/** Prepared segments for a book at a threshold, cached for the last threshold/cutoff asked. */
const prepCache = new WeakMap<Book, { threshold: number; riskCutoff: number; ranks: Int32Array; prep: readonly [SegmentPrep, SegmentPrep] }>();

export function preparedSegments(book: Book, threshold: number, riskCutoff: number, ranks: Int32Array): readonly [SegmentPrep, SegmentPrep] {
  const hit = prepCache.get(book);
  if (hit && hit.threshold === threshold && hit.riskCutoff === riskCutoff && hit.ranks === ranks) return hit.prep;
  const prep = prepareSegments(book, threshold, riskCutoff, ranks);
  prepCache.set(book, { threshold, riskCutoff, ranks, prep });
  return prep;
}

/** Only the loads: what sensitivity and Optimize need from a run. */
export function allocateLoads(book: Book, settings: Settings, ranks: Int32Array): { contexts: readonly [SegmentContext, SegmentContext]; loads: readonly [SegmentLoads, SegmentLoads] } {
  const prep = preparedSegments(book, settings.threshold, settings.riskCutoff, ranks);
  const contexts = [segmentContext(prep[0], settings), segmentContext(prep[1], settings)] as const;
  const loads = [emptyLoads(contexts[0].reps.length), emptyLoads(contexts[1].reps.length)] as const;
  for (const ctx of contexts) runSegment(ctx, settings, loads[ctx.segment], null, null, 0);
  return { contexts, loads };
}

/** Runs the weighted greedy over both segments: Enterprise first, steps numbered across both. */
export function allocate(book: Book, settings: Settings, ranks: Int32Array = nameRanks(book)): Allocation {
  const n = book.accounts.count;
  const segment = new Uint8Array(n);
  const assigned = new Int32Array(n).fill(-1);
  const prep = preparedSegments(book, settings.threshold, settings.riskCutoff, ranks);
  const contexts = [segmentContext(prep[0], settings), segmentContext(prep[1], settings)] as const;
  const loads = [emptyLoads(contexts[0].reps.length), emptyLoads(contexts[1].reps.length)] as const;
  let stepCount = 0;
  const steps = new Int32Array(n);
  const unassigned: number[] = [];
  for (const ctx of contexts) {
    for (let j = 0; j < ctx.accounts.length; j++) segment[ctx.accounts[j]!] = ctx.segment;
    if (ctx.reps.length === 0) {
      for (let j = 0; j < ctx.accounts.length; j++) unassigned.push(ctx.accounts[j]!);
      continue;
    }
    runSegment(ctx, settings, loads[ctx.segment], assigned, steps, stepCount);
    stepCount += ctx.accounts.length;
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
