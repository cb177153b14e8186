/**
 * The hot loop of the §4 greedy for one segment (SPEC §4, §15.1): exact by construction but fast.
 * Flat typed arrays, per-segment locals, scratch arrays reused for every account. Caps enter only
 * through the candidate set (reps ordered by account count): a rep that reaches its cap leaves it.
 */
import type { SegmentContext } from './prepare.js';
import type { SegmentLoads } from './score.js';
import { TIE_TOLERANCE } from './score.js';
import type { Settings } from './types.js';

/** Where the kernel writes what it decided; null fields are skipped (sensitivity and Optimize need only loads). */
export interface KernelOutput {
  /** Global rep index per account (indexed by account). */
  readonly assigned: Int32Array | null;
  /** Account index per audit step, written from `stepOffset`. */
  readonly steps: Int32Array | null;
  readonly stepOffset: number;
  /** Local rep chosen per audit step, written from `stepOffset` beside `steps`. */
  readonly stepReps: Int32Array | null;
  /** Local rep per position (indexed by position in the segment's order). */
  readonly local: Int32Array | null;
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
/**
 * Allocates the positions in `todo` (all of the segment's accounts when null), in order, on top of
 * `loads`. Returns the number of steps taken; an account without a candidate (every rep at its cap)
 * is left unassigned and takes no step.
 */
export function runSegment(ctx: SegmentContext, settings: Settings, loads: SegmentLoads, out: KernelOutput | null, todo: Int32Array | null = null): number {
  const k = ctx.reps.length;
  const m = todo ? todo.length : ctx.accounts.length;
  if (k === 0 || m === 0) return 0;
  const assigned = out?.assigned ?? null, steps = out?.steps ?? null, stepReps = out?.stepReps ?? null, localOut = out?.local ?? null;
  const stepOffset = out?.stepOffset ?? 0;
  const cap = ctx.cap;
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
  // The candidate set: reps below their cap, ordered by account count; last[c] = position of the
  // last candidate holding c accounts; pos[i] = -1 once rep i has left the set.
  const order = Int32Array.from({ length: k }, (_, i) => i)
    .filter((i) => L[3 * i + 1]! < cap[i]!)
    .sort((x, y) => L[3 * x + 1]! - L[3 * y + 1]! || x - y);
  let kc = order.length;
  const pos = new Int32Array(k).fill(-1);
  const last = new Int32Array(maxCount + m + 2).fill(-1);
  order.forEach((i, p) => {
    pos[i] = p;
    last[L[3 * i + 1]!] = p;
  });
  const minSlope = (slopes: Float64Array) => {
    let v = Infinity;
    for (let p = 0; p < kc; p++) if (slopes[2 * order[p]!]! < v) v = slopes[2 * order[p]!]!;
    return v;
  };
  // A rep at its cap leaves the set: later candidates shift left, and their groups' last positions follow.
  const retire = (i: number) => {
    const from = pos[i]!;
    order.copyWithin(from, from + 1, kc);
    kc--;
    pos[i] = -1;
    for (let p = from; p < kc; p++) {
      pos[order[p]!] = p;
      last[L[3 * order[p]! + 1]!] = p;
    }
  };
  let pMinPlain = minSlope(plain), pMinRisky = minSlope(risky);

  const key = new Float64Array(k), exact = new Float64Array(k);
  const list = new Int32Array(2 * k + 2), ties = new Int32Array(k);
  let taken = 0;
  for (let t = 0; t < m && kc > 0; t++) {
    const j = todo ? todo[t]! : t;
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
    for (; p < kc; p++) {
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
    if (p < kc) {
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
    if (!(e + 1 < kc && L[3 * order[e + 1]! + 1] === c + 1)) last[c + 1] = e;
    const wasPlainMin = plain[2 * best] === pMinPlain, wasRiskyMin = risky[2 * best] === pMinRisky;
    L[3 * best]! += xA;
    L[3 * best + 1]! += 1;
    L[3 * best + 2]! += xR;
    refresh(best);
    const full = L[3 * best + 1]! >= cap[best]!;
    if (full) retire(best);
    // Slopes only grow and the set only shrinks, so the minimum changes only when its holder won.
    if (wasPlainMin) pMinPlain = minSlope(plain);
    if (wasRiskyMin) pMinRisky = minSlope(risky);
    if (assigned) assigned[accounts[j]!] = reps[best]!;
    if (localOut) localOut[j] = best;
    if (steps) steps[stepOffset + taken] = accounts[j]!;
    if (stepReps) stepReps[stepOffset + taken] = best;
    taken++;
  }
  for (let i = 0; i < k; i++) {
    loads.arr[i] = L[3 * i]!;
    loads.accounts[i] = L[3 * i + 1]!;
    loads.riskArr[i] = L[3 * i + 2]!;
  }
  return taken;
}

