/**
 * The §4 greedy for one segment when only the final loads are wanted and no rep has a cap: what
 * Optimize Weights (5,151 runs) and the sensitivity chart ask for. Same decisions as runSegment
 * (kernel.ts), which stays the reference and the path for audits, caps and rebalancing; a
 * differential test checks the two step for step on seeded books.
 *
 * Why a second loop: runSegment orders reps by account count and stops its scan at a bound, which
 * pays off with hundreds of reps; at the tens of reps a segment usually has, the bound rarely stops
 * the scan, and a plain pass over flat arrays (no indirection, no candidate-set upkeep) costs less.
 * It also skips the literal score when a single rep is in the window: the window always holds the
 * whole tie set, so a window of one is the winner.
 */
import type { SegmentContext } from './prepare.js';
import { TIE_TOLERANCE, type SegmentLoads } from './score.js';
import type { Settings } from './types.js';

// The approximate keys are within a few ulps of the literal scores (see kernel.ts): 1e-12 on top
// of the tie tolerance keeps every tied rep in the window.
const WINDOW = TIE_TOLERANCE + 1e-12;

/**
 * Allocates the positions in `todo` (all of the segment's accounts when null), in order, on top of
 * `loads`, for a segment without caps; returns the steps taken (one per account). `local`, when
 * given, receives the local rep chosen per position (the differential test reads it). `from` / `to`
 * run only entries [from, to) of that list: runs over consecutive ranges decide exactly as one run
 * (every per-rep term is recomputed from the loads by the same expressions), so Optimize can stop
 * between them.
 */
export function runSegmentLoads(
  ctx: SegmentContext,
  settings: Settings,
  loads: SegmentLoads,
  todo: Int32Array | null = null,
  local: Int32Array | null = null,
  from = 0,
  to = Infinity,
): number {
  const k = ctx.reps.length;
  const m = Math.min(to, todo ? todo.length : ctx.accounts.length);
  if (k === 0 || m <= from) return 0;
  if (ctx.capped) throw new Error('runSegmentLoads: a segment with caps goes through runSegment');
  const { xArr, xRisk, location, originalLocal, geoStart, geoList, nameRank, repLocation } = ctx;
  const wA = ctx.wArr, wN = ctx.wAccounts, wR = ctx.wRisk;
  // A driver left out of scoring has w = 0; T² = 1 keeps its literal term an exact +0 (as kernel.ts).
  const tA2 = ctx.useArr ? ctx.tArr2 : 1, tN2 = ctx.useAccounts ? ctx.tAccounts2 : 1, tR2 = ctx.useRisk ? ctx.tRisk2 : 1;
  const alpha = (2 * wA) / tA2, nu = (2 * wN) / tN2, rho = (2 * wR) / tR2;
  const cA = wA / tA2, cN = wN / tN2, cR = wR / tR2;
  const geo = settings.geoBonus, preserve = settings.preserveBonus;
  const shrinkGeo = 1 / (1 + geo), shrinkBoth = 1 / (1 + (geo + preserve)), shrinkPreserve = 1 / (1 + preserve);

  // Per rep: loads, and the rep-dependent parts of a key: slope for plain / high-risk accounts, intercept.
  const la = Float64Array.from(loads.arr), ln = Float64Array.from(loads.accounts), lr = Float64Array.from(loads.riskArr);
  const slopePlain = new Float64Array(k), slopeRisky = new Float64Array(k), intercept = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    slopePlain[i] = alpha * la[i]!;
    slopeRisky[i] = slopePlain[i]! + rho * lr[i]!;
    intercept[i] = nu * ln[i]!;
  }
  const key = new Float64Array(k);
  const window = new Int32Array(k);
  for (let t = from; t < m; t++) {
    const j = todo ? todo[t]! : t;
    const xA = xArr[j]!, xR = xRisk[j]!;
    const slopes = xR > 0 ? slopeRisky : slopePlain;
    // The rep-independent part of every blended increase: Σ w·x·x/T².
    const base = xA * xA * cA + cN + xR * xR * cR;
    const loc = location[j]!, orig = originalLocal[j]!;
    // -2 matches no rep (a blank location is -1, and blank never matches).
    const geoLoc = geo !== 0 && loc >= 0 ? loc : -2, bonusOrig = preserve !== 0 ? orig : -1;

    // Every rep's key without a bonus, and the lowest.
    let min = Infinity;
    for (let i = 0; i < k; i++) {
      const v = xA * slopes[i]! + intercept[i]!;
      key[i] = v;
      if (v < min) min = v;
    }
    // Bonus reps: geo-matched (with preserve when also the original rep), then the original rep. A
    // bonus only lowers a key, so the minimum over all keys is the lower of the two minima.
    if (geoLoc >= 0) {
      for (let g = geoStart[geoLoc]!; g < geoStart[geoLoc + 1]!; g++) {
        const i = geoList[g]!;
        const v = (base + key[i]!) * (i === bonusOrig ? shrinkBoth : shrinkGeo) - base;
        key[i] = v;
        if (v < min) min = v;
      }
    }
    if (bonusOrig >= 0 && repLocation[bonusOrig] !== geoLoc) {
      const v = (base + key[bonusOrig]!) * shrinkPreserve - base;
      key[bonusOrig] = v;
      if (v < min) min = v;
    }
    // The window holds the whole tie set; with one rep in it, that rep wins.
    const limit = min + WINDOW * (base + min);
    let inWindow = 0;
    for (let i = 0; i < k; i++) if (key[i]! <= limit) window[inWindow++] = i;
    let best = inWindow === 1 ? window[0]! : -1;
    if (inWindow > 1) {
      // Literal scores for the window (as scoreCandidates), then the tie rules: lowest current ARR, then name rank.
      const wxA = wA * xA, wxN = wN * 1, wxR = wR * xR;
      let exactMin = Infinity;
      for (let q = 0; q < inWindow; q++) {
        const i = window[q]!;
        const blended = (wxA * (2 * la[i]! + xA)) / tA2 + (wxN * (2 * ln[i]! + 1)) / tN2 + (wxR * (2 * lr[i]! + xR)) / tR2;
        let bonus = 0;
        if (loc >= 0 && repLocation[i] === loc) bonus += geo;
        if (i === orig) bonus += preserve;
        const score = bonus === 0 ? blended : blended / (1 + bonus);
        key[i] = score;
        if (score < exactMin) exactMin = score;
      }
      const tie = TIE_TOLERANCE * exactMin;
      for (let q = 0; q < inWindow; q++) {
        const i = window[q]!;
        if (key[i]! - exactMin > tie) continue;
        if (best < 0 || la[i]! < la[best]! || (la[i] === la[best] && nameRank[i]! < nameRank[best]!)) best = i;
      }
    }
    // Unreachable with validated input (amounts ≤ 1e100 keep every score finite); never guess a rep.
    if (best < 0) throw new Error(`allocation found no winner for account ${ctx.accounts[j]} (non-finite scores)`);
    if (local) local[j] = best;
    la[best]! += xA;
    ln[best]! += 1;
    lr[best]! += xR;
    slopePlain[best] = alpha * la[best]!;
    slopeRisky[best] = slopePlain[best]! + rho * lr[best]!;
    intercept[best] = nu * ln[best]!;
  }
  loads.arr.set(la);
  loads.accounts.set(ln);
  loads.riskArr.set(lr);
  return m - from;
}
