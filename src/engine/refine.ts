/**
 * Refinement and rebalancing (SPEC §15, §15.1): moves and swaps between the reps of one segment that
 * lower F = Σ_r Σ_d w_d·(L_{r,d}/T_d)², under §15's acceptance rule (ΔF < −1e-12·F and the bonus
 * brake), caps, locks and — in rebalance mode — the move budget.
 *
 * Search: best improvement. Every step takes the accepted, feasible move or swap with the largest
 * F decrease ÷ max(1, change in the budget count) (outside rebalance mode the divisor is 1). That is
 * what §15.1 prescribes for rebalancing, and in fresh mode it lands where a best-improvement local
 * search lands. It is fast because a step changes the loads of two reps only:
 * - the best step is kept per pair of reps; a pair the step did not touch keeps it (a tournament tree
 *   over the pairs gives the best one in O(1), an update in O(log pairs));
 * - a touched pair gets an analytic upper bound on what any of its steps can gain — per risk class and
 *   over the ARR range of its accounts — and is evaluated exactly only when that bound could beat the
 *   best known step (lazy best-first), and then only above that step's gain;
 * - within a pair, ΔF of moving an account, or of swapping an account for one of a given risk class,
 *   is a convex quadratic of an ARR, so candidates are visited outwards from its minimum over accounts
 *   sorted by ARR (refine-lists.ts) and the visit stops once ΔF can no longer win; for swaps the
 *   minimum moves monotonically with the first account's ARR (two pointers) — the check over all
 *   account pairs (10⁹ at 100k accounts) becomes a one-dimensional search per account.
 * - candidates the bonus brake stops are skipped in bulk where that provably changes nothing: a walk of
 *   moves whose ARR interval holds only braked accounts (movesBraked); for long lists, swaps of accounts
 *   with a bonus at their rep and none at the other (swapsBraked: such an account meets only the partners
 *   that could escape the brake); rebalancing, partners at their start rep where the swap counts 2.
 *   The order in which the remaining candidates are judged is the full walk's, so the steps are the same
 *   (test/engine/refine-identical.test.ts holds them to the previous implementation's records).
 * Once nothing is left, pairs last checked under a larger F (a stricter 1e-12·F) are checked again, so
 * the end is a local optimum under the final F. Deterministic: pairs, lists and ties in a fixed order.
 */
import type { SegmentContext } from './prepare.js';
import type { SegmentLoads } from './score.js';
import { SortedAccounts } from './refine-lists.js';
import type { Settings } from './types.js';

/** One accepted refinement step (an audit step of its own, after the greedy steps). */
export interface RefineRecord {
  readonly kind: 'move' | 'swap';
  /** Positions (in the segment's allocation order) of the accounts: one for a move, two for a swap (first mover first). */
  readonly first: number;
  readonly second: number;
  /** Local reps: the first account goes from → to; a swap's second account goes to → from. */
  readonly from: number;
  readonly to: number;
  readonly deltaF: number;
  /** Share of target (L / T) of the two reps before and after, on the first driver in use (ARR, else Accounts, else Risk). */
  readonly shareDriver: 'arr' | 'accounts' | 'risk';
  readonly fromShare: readonly [number, number];
  readonly toShare: readonly [number, number];
  /** Rebalance mode: the budget count after the step; null in fresh mode. */
  readonly budgetCount: number | null;
}

export interface RefineResult {
  readonly records: readonly RefineRecord[];
  readonly moves: number;
  readonly swaps: number;
  /** F at the start (after locks and the greedy, or the start books in rebalance mode) and at the end. */
  readonly fStart: number;
  readonly fFinal: number;
  /** Rebalance mode: accounts away from their start rep at the end, and the budget M; null in fresh mode. */
  readonly budgetUsed: number | null;
  readonly budget: number | null;
}

/** Progress and cancel for long runs (100k accounts): `cancelled` is asked every few hundred iterations. */
export interface RefineControl {
  readonly cancelled?: () => boolean;
  readonly onProgress?: (steps: number) => void;
}

export class RefineCancelled extends Error {
  constructor() {
    super('refinement cancelled');
  }
}

/** F of a segment's loads over the drivers in scoring (SPEC §15.1: weights as fractions). */
export function segmentF(ctx: SegmentContext, loads: SegmentLoads): number {
  const cA = coefficient(ctx.wArr, ctx.tArr2), cN = coefficient(ctx.wAccounts, ctx.tAccounts2), cR = coefficient(ctx.wRisk, ctx.tRisk2);
  let f = 0;
  for (let i = 0; i < ctx.reps.length; i++) {
    const a = loads.arr[i]!, n = loads.accounts[i]!, r = loads.riskArr[i]!;
    f += cA * a * a + cN * n * n + cR * r * r;
  }
  return f;
}

/** w_d / T_d², 0 for a driver out of scoring. */
const coefficient = (w: number, t2: number) => (w === 0 || t2 === 0 ? 0 : w / t2);

const ACCEPT = 1e-12;
/**
 * The swap filter rules a candidate out only when its rearranged brake (or ΔF) clears this share of the
 * magnitude of the terms it sums: rounding moves either sum by ~1e-15 of it, so the margin is a million
 * times wider than any difference between the filter and swapDelta. FILTER_FLOOR covers underflow.
 */
const FILTER_MARGIN = 1e-9;
const FILTER_FLOOR = 1e-300;
const NONE = -1;
/** Class lists this long together (accounts of both reps) make the swap brake certificate pay (searchSwaps). */
const LONG_LISTS = 600;

/**
 * Refines one segment in place: `local` (local rep per position, -1 unassigned) and `loads`.
 * `locked` marks positions that never move. In rebalance mode `start` is each position's start rep and
 * `budget` the most accounts that may end away from it; otherwise both are null.
 */
export function refineSegment(
  ctx: SegmentContext,
  settings: Settings,
  loads: SegmentLoads,
  local: Int32Array,
  locked: Uint8Array,
  start: Int32Array | null,
  budget: number | null,
  control: RefineControl = {},
): RefineResult {
  return runToEnd(refineSegmentSteps(ctx, settings, loads, local, locked, start, budget, control));
}

/** Drives a step generator to its end on this thread. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  let next = steps.next();
  while (!next.done) next = steps.next();
  return next.value;
}

/**
 * refineSegment as a generator that pauses every few hundred iterations, so a worker can answer
 * newer requests in between and drop a run that a newer change made pointless (SPEC §10.1).
 */
export function* refineSegmentSteps(
  ctx: SegmentContext,
  settings: Settings,
  loads: SegmentLoads,
  local: Int32Array,
  locked: Uint8Array,
  start: Int32Array | null,
  budget: number | null,
  control: RefineControl = {},
): Generator<void, RefineResult> {
  const k = ctx.reps.length;
  const m = ctx.accounts.length;
  const cA = coefficient(ctx.wArr, ctx.tArr2), cN = coefficient(ctx.wAccounts, ctx.tAccounts2), cR = coefficient(ctx.wRisk, ctx.tRisk2);
  const LA = loads.arr, LN = loads.accounts, LR = loads.riskArr;
  const { xArr, xRisk, location, originalLocal, repLocation, cap } = ctx;
  const geo = settings.geoBonus, preserve = settings.preserveBonus;
  const fStart = segmentF(ctx, loads);
  const records: RefineRecord[] = [];
  const rebalance = start !== null;
  const M = budget ?? Infinity;
  let away = 0;
  if (start) for (let j = 0; j < m; j++) if (local[j]! >= 0 && local[j] !== start[j]) away++;
  const result = (): RefineResult => ({
    records,
    moves: records.filter((r) => r.kind === 'move').length,
    swaps: records.filter((r) => r.kind === 'swap').length,
    fStart,
    fFinal: segmentF(ctx, loads),
    budgetUsed: rebalance ? away : null,
    budget: rebalance ? budget : null,
  });
  if (k < 2 || (cA === 0 && cN === 0 && cR === 0)) return result();

  const bonus = (j: number, i: number) =>
    (location[j]! >= 0 && repLocation[i] === location[j] ? geo : 0) + (originalLocal[j] === i ? preserve : 0);
  // Change in the budget count when position j goes from its rep to rep `to`.
  const budgetDelta = (j: number, to: number) => {
    if (!start) return 0;
    const home = start[j]!;
    return local[j] === home ? 1 : to === home ? -1 : 0;
  };

  // Movable accounts per rep and risk class (0 plain, 1 high-risk), sorted by ARR then position.
  const classOf = (j: number) => (xRisk[j]! > 0 ? 1 : 0);
  const members: number[][] = Array.from({ length: 2 * k }, () => []);
  for (let j = 0; j < m; j++) if (local[j]! >= 0 && locked[j] === 0) members[2 * local[j]! + classOf(j)]!.push(j);
  const attributes = { location, original: originalLocal, home: start ?? new Int32Array(m).fill(NONE) };
  const lists = members.map((entries) => SortedAccounts.of(entries, (j) => xArr[j]!, attributes));

  // Bonus classes: an account's bonus with a rep is one of four values, code = geo match + 2·preserve.
  // `onePlus` is 1 + that bonus computed as `bonus` computes it, so a move's brake is decided bit for bit
  // from the list's attributes; `inverse` (1 / (1 + bonus)) serves the swap filter, which has a margin.
  const bonusValue = (code: number) => ((code & 1) !== 0 ? geo : 0) + ((code & 2) !== 0 ? preserve : 0);
  const onePlus = Float64Array.from([0, 1, 2, 3], (code) => 1 + bonusValue(code));
  const inverse = onePlus.map((v) => 1 / v);
  // The move brake can bite only with a bonus: bMin is the smallest positive one an account can have at its rep.
  const bonusOn = geo > 0 || preserve > 0;
  const bMin = geo > 0 && preserve > 0 ? Math.min(geo, preserve) : geo > 0 ? geo : preserve;
  let locationCount = 0;
  for (let j = 0; j < m; j++) locationCount = Math.max(locationCount, location[j]! + 1);
  for (let i = 0; i < k; i++) locationCount = Math.max(locationCount, repLocation[i]! + 1);

  // ---- the best step of one pair of reps ------------------------------------------------------------
  // Found step: kind 0 = move r→s, 1 = move s→r, 2 = swap (first mover `s1` from its rep, `s2` back).
  let fKind = 0, fFirst = NONE, fSecond = NONE, fDelta = 0, fRatio = -Infinity, fCount = 0;
  let floor = 0; // a candidate needs −ΔF above this to matter: max(cut, tau, best ratio so far)
  let limited = false; // a candidate was refused only by the budget
  // A ratio at or below this changes nothing: the cut when it is above tau (the pair then keeps `cut` as its
  // bound whatever it finds at or below it), else -Infinity.
  let bar = -Infinity;

  /** A swap: position p moves first (from → to), then q (to → from) on the updated loads. ΔF, or NaN when braked. */
  const swapDelta = (p: number, q: number, from: number, to: number) => {
    const xa = xArr[p]!, xra = xRisk[p]!, xc = xArr[q]!, xrc = xRisk[q]!;
    const cost1 = cA * xa * (2 * LA[to]! + xa) + cN * (2 * LN[to]! + 1) + cR * xra * (2 * LR[to]! + xra);
    const relief1 = cA * xa * (2 * LA[from]! - xa) + cN * (2 * LN[from]! - 1) + cR * xra * (2 * LR[from]! - xra);
    const aFrom = LA[from]! - xa, nFrom = LN[from]! - 1, rFrom = LR[from]! - xra;
    const aTo = LA[to]! + xa, nTo = LN[to]! + 1, rTo = LR[to]! + xra;
    const cost2 = cA * xc * (2 * aFrom + xc) + cN * (2 * nFrom + 1) + cR * xrc * (2 * rFrom + xrc);
    const relief2 = cA * xc * (2 * aTo - xc) + cN * (2 * nTo - 1) + cR * xrc * (2 * rTo - xrc);
    const brake = cost1 / (1 + bonus(p, to)) - relief1 / (1 + bonus(p, from)) + cost2 / (1 + bonus(q, from)) - relief2 / (1 + bonus(q, to));
    return brake < 0 ? cost1 - relief1 + (cost2 - relief2) : NaN;
  };

  /** Records a candidate that passed the brake: feasibility, then whether it beats the best so far. */
  const consider = (kind: number, first: number, second: number, delta: number, dCount: number, tau: number) => {
    if (away + dCount > M) {
      limited = true;
      return;
    }
    if (!(delta < -tau)) return;
    const ratio = -delta / Math.max(1, dCount);
    if (ratio > fRatio) {
      fKind = kind;
      fFirst = first;
      fSecond = second;
      fDelta = delta;
      fRatio = ratio;
      fCount = dCount;
      if (ratio > floor) floor = ratio;
    }
  };

  /**
   * Moves from rep `from` to rep `to`, visited outwards from the ΔF minimum in each risk class. A visit
   * reads the candidate's ARR and bonus class from the list (memory in order) and decides the brake
   * with the very expressions of moveDelta, so its result is moveDelta's bit for bit; a candidate that
   * can change nothing (refused by the budget once `limited` is known) is passed over.
   */
  const searchMoves = (from: number, to: number, kind: number, tau: number) => {
    if (LN[to]! >= cap[to]!) return;
    const DA = LA[to]! - LA[from]!, DR = LR[to]! - LR[from]!;
    const countPart = 2 * cN * (LN[to]! - LN[from]! + 1);
    // moveDelta's load terms, as it computes them.
    const aTo = 2 * LA[to]!, aFrom = 2 * LA[from]!, rTo = 2 * LR[to]!, rFrom = 2 * LR[from]!;
    const nTo = cN * (2 * LN[to]! + 1), nFrom = cN * (2 * LN[from]! - 1);
    const locTo = repLocation[to]!, locFrom = repLocation[from]!;
    for (let h = 0; h < 2; h++) {
      const list = lists[2 * from + h]!;
      const n = list.length, vals = list.vals, locs = list.locs, origs = list.origs, homes = list.homes;
      if (n === 0 || moveBound(from, to, h) <= floor) continue;
      if (bonusOn && movesBraked(from, to, h, list)) continue;
      // ΔF(x) = 2cA·x(DA + x) + 2cR·h·x(DR + x) + countPart, convex in x.
      const qA = 2 * cA, qR = h ? 2 * cR : 0, dR = h ? DR : 0;
      const denom = cA + (h ? cR : 0);
      const xStar = denom > 0 ? -(cA * DA + (h ? cR * DR : 0)) / (2 * denom) : 0;
      let right = list.lowerBound(xStar), left = right - 1;
      let fl = Infinity, fr = Infinity;
      if (left >= 0) {
        const x = vals[left]!;
        fl = qA * x * (DA + x) + qR * x * (dR + x) + countPart;
      }
      if (right < n) {
        const x = vals[right]!;
        fr = qA * x * (DA + x) + qR * x * (dR + x) + countPart;
      }
      while (left >= 0 || right < n) {
        const useLeft = fl <= fr;
        if (-(useLeft ? fl : fr) <= floor) break;
        // The candidate, then the next value on its side (the same expression as before, so the same order).
        let i: number;
        if (useLeft) {
          i = left--;
          fl = Infinity;
          if (left >= 0) {
            const x = vals[left]!;
            fl = qA * x * (DA + x) + qR * x * (dR + x) + countPart;
          }
        } else {
          i = right++;
          fr = Infinity;
          if (right < n) {
            const x = vals[right]!;
            fr = qA * x * (DA + x) + qR * x * (dR + x) + countPart;
          }
        }
        const home = homes[i]!;
        const dCount = home === from ? 1 : home === to ? -1 : 0;
        if (limited && away + dCount > M) continue; // refused by the budget, and `limited` already says so
        // moveDelta, from the list: x is xArr[j], and xRisk[j] is x in the high-risk list and 0 otherwise.
        const xa = vals[i]!, xr = h ? xa : 0;
        const cost = cA * xa * (aTo + xa) + nTo + cR * xr * (rTo + xr);
        const relief = cA * xa * (aFrom - xa) + nFrom + cR * xr * (rFrom - xr);
        const loc = locs[i]!, orig = origs[i]!;
        const codeTo = (loc >= 0 && locTo === loc ? 1 : 0) + (orig === to ? 2 : 0);
        const codeFrom = (loc >= 0 && locFrom === loc ? 1 : 0) + (orig === from ? 2 : 0);
        if (cost / onePlus[codeTo]! < relief / onePlus[codeFrom]!) consider(kind, list.ids[i]!, NONE, cost - relief, dCount, tau);
      }
    }
  };

  /**
   * Whether every candidate the walk of moves from → to over class list h would visit is braked: then
   * the walk can change nothing and is passed over. The walk visits accounts with −ΔF above `floor`, an
   * interval of ARR (ΔF is convex): none of them may be plain (no bonus at `from`), in `to`'s location or
   * owned by `to` before (a bonus at `to`), and for the others — a bonus b ≥ bMin at `from`, none at `to` —
   * relief / (1 + bMin) − cost must stay below minus a margin over the interval (a concave quadratic).
   * Margins far above rounding on both the interval and the brake, so a braked verdict is the walk's own.
   */
  const movesBraked = (from: number, to: number, h: number, list: SortedAccounts) => {
    const n = list.length, vals = list.vals;
    const lo = vals[0]!, hi = vals[n - 1]!;
    if (!(lo >= 0)) return false;
    const DA = LA[to]! - LA[from]!, DR = h ? LR[to]! - LR[from]! : 0;
    const cH = h ? cR : 0;
    const countPart = 2 * cN * (LN[to]! - LN[from]! + 1);
    // ΔF(x) = 2(cA + cH)·x² + 2(cA·DA + cH·DR)·x + countPart.
    const a2 = 2 * (cA + cH), b1 = 2 * (cA * DA + cH * DR);
    if (!(a2 > 0)) return false;
    const size = 2 * cA * hi * (Math.abs(DA) + hi) + 2 * cH * hi * (Math.abs(DR) + hi) + Math.abs(countPart);
    const level = floor - FILTER_MARGIN * size - FILTER_FLOOR; // a visited candidate has −ΔF > level
    const disc = b1 * b1 - 4 * a2 * (countPart + level);
    if (disc < 0) return true;
    const root = Math.sqrt(disc);
    let xl = (-b1 - root) / (2 * a2), xr = (-b1 + root) / (2 * a2);
    const widen = FILTER_MARGIN * (Math.abs(xl) + Math.abs(xr)) + FILTER_FLOOR;
    xl = Math.max(lo, xl - widen);
    xr = Math.min(hi, xr + widen);
    if (xl > xr) return true;
    const index = list.bonusIndexOf(from, repLocation[from]!, geo, preserve, locationCount, k);
    if (list.anyIn(index.plain, 0, index.plain.length, xl, xr)) return false;
    const locTo = repLocation[to]!;
    if (geo > 0 && locTo >= 0 && list.anyIn(index.byLoc, index.locStart[locTo]!, index.locStart[locTo + 1]!, xl, xr)) return false;
    if (preserve > 0 && list.anyIn(index.byOrig, index.origStart[to]!, index.origStart[to + 1]!, xl, xr)) return false;
    // G(x) = relief(x) / (1 + bMin) − cost(x), concave; its largest value over [xl, xr].
    const inv = 1 / (1 + bMin);
    const A2 = (1 + inv) * (cA + cH);
    const B = inv * 2 * (cA * LA[from]! + cH * LR[from]!) - 2 * (cA * LA[to]! + cH * LR[to]!);
    const C = inv * cN * (2 * LN[from]! - 1) - cN * (2 * LN[to]! + 1);
    const x = A2 > 0 ? Math.min(xr, Math.max(xl, B / (2 * A2))) : B > 0 ? xr : xl;
    const gMax = -A2 * x * x + B * x + C;
    const scale =
      cA * hi * (2 * Math.abs(LA[from]!) + 2 * Math.abs(LA[to]!) + 2 * hi) + Math.abs(cN) * (2 * LN[from]! + 2 * LN[to]! + 2) + cH * hi * (2 * Math.abs(LR[from]!) + 2 * Math.abs(LR[to]!) + 2 * hi);
    return gMax < -(FILTER_MARGIN * scale + FILTER_FLOOR);
  };

  /**
   * The accounts of list (rep s) that a swap with rep r may not brake as swapsBraked assumes: plain (no
   * bonus at s), in r's location or owned by r before (a bonus at r). Indices, ascending.
   */
  const exceptScratch = new Int32Array(m + 1);
  const swapExceptions = (list: SortedAccounts, s: number, r: number): Int32Array => {
    const index = list.bonusIndexOf(s, repLocation[s]!, geo, preserve, locationCount, k);
    const locR = repLocation[r]!;
    const plain = index.plain;
    const byLoc = index.byLoc, byOrig = index.byOrig;
    // Three ascending runs, merged without repeats.
    let a = 0, b = geo > 0 && locR >= 0 ? index.locStart[locR]! : 0, c = preserve > 0 ? index.origStart[r]! : 0;
    const aEnd = plain.length, bEnd = geo > 0 && locR >= 0 ? index.locStart[locR + 1]! : 0, cEnd = preserve > 0 ? index.origStart[r + 1]! : 0;
    let count = 0;
    for (;;) {
      const x = a < aEnd ? plain[a]! : 0x7fffffff, y = b < bEnd ? byLoc[b]! : 0x7fffffff, z = c < cEnd ? byOrig[c]! : 0x7fffffff;
      const least = x < y ? (x < z ? x : z) : y < z ? y : z;
      if (least === 0x7fffffff) break;
      exceptScratch[count++] = least;
      if (x === least) a++;
      if (y === least) b++;
      if (z === least) c++;
    }
    return exceptScratch.subarray(0, count);
  };

  /**
   * Whether every swap of class (ha, hc) between an account a of r and c of s that both have a bonus at
   * their own rep (so ≥ bMin) and none at the other one is braked both ways. For them u = 1 and
   * v ≤ V = 1 / (1 + bMin), and either order's brake (see searchSwaps) is at least
   * Q = cost_a − V·relief_a + cost_c − V·relief_c − 2(1 + V)·⟨x_a, x_c⟩ (reliefs and ⟨⟩ are ≥ 0), a convex
   * quadratic of (xa, xc) whose minimum over the lists' ARR box (its edges, and the stationary point
   * inside) must clear twice the filter's largest margin.
   */
  const swapsBraked = (r: number, s: number, own: SortedAccounts, other: SortedAccounts, ha: number, hc: number) => {
    if (!(cN >= 0)) return false;
    const loA = own.vals[0]!, hiA = own.vals[own.length - 1]!, loC = other.vals[0]!, hiC = other.vals[other.length - 1]!;
    if (!(loA >= 0 && loC >= 0)) return false;
    const V = 1 / (1 + bMin);
    const cHa = ha ? cR : 0, cHc = hc ? cR : 0, cHac = ha && hc ? cR : 0;
    const aS = 2 * LA[s]!, aR = 2 * LA[r]!, rS = ha || hc ? 2 * LR[s]! : 0, rR = ha || hc ? 2 * LR[r]! : 0;
    const P = (1 + V) * (cA + cHa), R = (1 + V) * (cA + cHc), S = 2 * (1 + V) * (cA + cHac);
    const px = cA * (aS - V * aR) + cHa * (rS - V * rR), pc = cA * (aR - V * aS) + cHc * (rR - V * rS);
    const k0 = cN * (2 * LN[s]! + 1) - V * cN * (2 * LN[r]! - 1) + cN * (2 * LN[r]! + 1) - V * cN * (2 * LN[s]! - 1) - 2 * (1 + V) * cN;
    // Q's edges: on each, a convex quadratic of the other ARR, least at its vertex or an end.
    let least = Infinity;
    for (let e = 0; e < 4; e++) {
      let xa: number, xc: number;
      if (e < 2) {
        xa = e === 0 ? loA : hiA;
        const c1 = pc - S * xa;
        xc = R > 0 ? Math.min(hiC, Math.max(loC, -c1 / (2 * R))) : c1 >= 0 ? loC : hiC;
      } else {
        xc = e === 2 ? loC : hiC;
        const c1 = px - S * xc;
        xa = P > 0 ? Math.min(hiA, Math.max(loA, -c1 / (2 * P))) : c1 >= 0 ? loA : hiA;
      }
      const value = P * xa * xa + R * xc * xc - S * xa * xc + px * xa + pc * xc + k0;
      if (value < least) least = value;
    }
    const det = 4 * P * R - S * S;
    if (det > 0) {
      const xa = (-2 * R * px - S * pc) / det, xc = (-S * px - 2 * P * pc) / det;
      if (xa > loA && xa < hiA && xc > loC && xc < hiC) least = Math.min(least, P * xa * xa + R * xc * xc - S * xa * xc + px * xa + pc * xc + k0);
    }
    // The filter's margin for the largest accounts (its terms grow with both ARRs), doubled.
    const aBoth = Math.abs(aS) + Math.abs(aR), rBoth = Math.abs(rS) + Math.abs(rR);
    const nBoth = Math.abs(cN) * (2 * LN[s]! + 1 + Math.abs(2 * LN[r]! - 1) + 2 * LN[r]! + 1 + Math.abs(2 * LN[s]! - 1));
    const xraMax = ha ? hiA : 0, xrcMax = hc ? hiC : 0;
    const size = cA * hiA * (aBoth + 2 * hiA) + nBoth + cR * xraMax * (rBoth + 2 * xraMax) + cA * hiC * (aBoth + 2 * hiC) + cR * xrcMax * (rBoth + 2 * xrcMax);
    const marginMax = FILTER_MARGIN * (size + 8 * (cA * hiA * hiC + cR * xraMax * xrcMax + Math.abs(cN))) + FILTER_FLOOR;
    return least > 2 * marginMax;
  };

  /**
   * Swaps of an account of rep r with one of rep s. For an account a and a risk class of the other,
   * ΔF(xc) = 2cA·δA(DA + δA) + 2cR·δR(DR + δR) (δA = xa − xc, δR = xra − hc·xc) is convex in xc with its
   * minimum at an xc that grows with xa: one pointer walks s's list as a walks r's (two pointers), and
   * from it the candidates are visited outwards while they can still win.
   *
   * A visit first asks whether the candidate can change anything, from the list alone (memory read in
   * order): refused by the budget once `limited` is known; a ratio that cannot beat the best so far; or
   * braked in both orders. The brake of "a first, then c" is τ_a + τ_c − 2(u_c + v_c)·⟨x_a, x_c⟩ and of
   * "c first" τ_a + τ_c − 2(u_a + v_a)·⟨x_a, x_c⟩, with τ an account's single-move brake on the current
   * loads (cost·u − relief·v, u = 1 / (1 + bonus with the rep it joins), v = 1 / (1 + bonus with its own
   * rep)) and ⟨x_a, x_c⟩ = cA·xa·xc + cR·xra·xrc + cN (the swapped second half sees the first's loads).
   * These are swapDelta's two sums rearranged: equal in exact arithmetic, not bit for bit, so they only
   * rule a candidate out when they clear a margin (1e-9 of the terms' magnitude) far above rounding;
   * everything else goes to swapDelta, which alone decides, as before.
   */
  const searchSwaps = (r: number, s: number, tau: number) => {
    const DA = LA[s]! - LA[r]!, DR = LR[s]! - LR[r]!;
    const qA = 2 * cA, qR = 2 * cR;
    // Single-move terms: an account of r joining s (a), an account of s joining r (c); with + for −, the magnitudes.
    const aS = 2 * LA[s]!, aR = 2 * LA[r]!, rS = 2 * LR[s]!, rR = 2 * LR[r]!;
    const nIntoS = cN * (2 * LN[s]! + 1), nOutOfR = cN * (2 * LN[r]! - 1), nIntoR = cN * (2 * LN[r]! + 1), nOutOfS = cN * (2 * LN[s]! - 1);
    const aBoth = Math.abs(aS) + Math.abs(aR), rBoth = Math.abs(rS) + Math.abs(rR), nBoth = Math.abs(nIntoS) + Math.abs(nOutOfR) + Math.abs(nIntoR) + Math.abs(nOutOfS);
    const locR = repLocation[r]!, locS = repLocation[s]!;
    // Rebalancing with room for two more accounts away: a swap of two accounts at their start reps counts 2.
    const homePairsFeasible = rebalance && away + 2 <= M;
    for (let hc = 0; hc < 2; hc++) {
      const list = lists[2 * s + hc]!;
      const n = list.length, vals = list.vals, ids = list.ids, locs = list.locs, origs = list.origs, homes = list.homes;
      if (n === 0) continue;
      const denom = cA + (hc ? cR : 0);
      // xStar = slope·xa + offset (+ risk part): the minimum moves right as xa grows.
      const half = denom > 0 ? 1 / (2 * denom) : 0;
      // The list's accounts away from their start rep (s), by index: few, walked on their own (see below).
      const awayIdx = homePairsFeasible ? list.awayFrom(s) : null;
      const awayN = awayIdx ? awayIdx.length : 0;
      // The partners the swap brake may let through when it stops the rest (see swapsBraked), by index.
      let exceptIdx: Int32Array | null = null;
      for (let ha = 0; ha < 2; ha++) {
        if (swapBound(r, s, ha, hc) <= floor) continue;
        const own = lists[2 * r + ha]!;
        const ownVals = own.vals, ownIds = own.ids, ownHomes = own.homes;
        const riskyOwn = ha === 1;
        // No swap of this class between two accounts at their start rep can beat the best ratio or the cut
        // when even the class's bound on −ΔF (plus the filter's largest margin) is at most twice that ratio:
        // then an account of r at its start rep only needs the partners away from theirs (phase 1 below).
        let homeDone = false;
        if (homePairsFeasible) {
          const xaMax = ownVals[own.length - 1]!, xraMax = riskyOwn ? xaMax : 0, xcMax = vals[n - 1]!, xrcMax = hc ? xcMax : 0;
          const size = cA * xaMax * (aBoth + 2 * xaMax) + nBoth + cR * xraMax * (rBoth + 2 * xraMax) + cA * xcMax * (aBoth + 2 * xcMax) + cR * xrcMax * (rBoth + 2 * xrcMax);
          const marginMax = FILTER_MARGIN * (size + 8 * (cA * xaMax * xcMax + cR * xraMax * xrcMax + Math.abs(cN))) + FILTER_FLOOR;
          homeDone = swapBound(r, s, ha, hc) * (1 + FILTER_MARGIN) + 2 * marginMax <= 2 * (fRatio > bar ? fRatio : bar);
        }
        // Every swap of an account with a bonus at its rep and none at the other, for a partner alike, braked?
        // Then such an account of r is only walked against s's other accounts (phase 1 over exceptIdx).
        // Decided on the first account that could use it (0 unknown, 1 yes, 2 no). Short lists are walked
        // faster than the certificate and the exception index are set up (measured: slower at 10k / 60).
        let braked = bonusOn && own.length + n >= LONG_LISTS ? 0 : 2;
        let exceptN = 0;
        const ownLocs = own.locs, ownOrigs = own.origs;
        let pointer = 0, awayPointer = 0, exceptPointer = 0;
        for (let t = 0; t < own.length; t++) {
          const xa = ownVals[t]!, xra = riskyOwn ? xa : 0;
          // a at its start rep, and no swap refused by the budget: a partner at its own start rep makes a
          // swap that counts 2, so it needs −ΔF above twice the ratio to beat; partners away count 0 or 1.
          const split = homePairsFeasible && ownHomes[t] === r;
          let exceptOnly = false;
          if (braked !== 2 && !split) {
            const locA = ownLocs[t]!, origA = ownOrigs[t]!;
            exceptOnly =
              ((geo > 0 && locA >= 0 && locA === locR) || (preserve > 0 && origA === r)) && !((geo > 0 && locA >= 0 && locA === locS) || (preserve > 0 && origA === s));
            if (exceptOnly && braked === 0) {
              braked = swapsBraked(r, s, own, list, ha, hc) ? 1 : 2;
              if (braked === 1) {
                if (exceptIdx === null) exceptIdx = swapExceptions(list, s, r);
                exceptN = exceptIdx.length;
              }
            }
            if (braked === 2) exceptOnly = false;
            else if (exceptOnly && exceptN === 0) continue;
          }
          if (split && homeDone && awayN === 0) continue;
          const xStar = (cA * (DA + 2 * xa) + (hc ? cR * (DR + 2 * xra) : 0)) * half;
          let right = n, left = -1;
          let fl = Infinity, fr = Infinity;
          // Phase 1 list: the partners away from their start rep (split) or the exceptions (exceptOnly).
          const second = exceptOnly ? exceptIdx! : awayIdx;
          if (!exceptOnly && !(split && homeDone)) {
            while (pointer < n && vals[pointer]! < xStar) pointer++;
            right = pointer;
            left = pointer - 1;
          } // else phase 0 is empty: straight to phase 1.
          if (left >= 0) {
            const xc = vals[left]!, dA = xa - xc, dR = xra - (hc ? xc : 0);
            fl = qA * dA * (DA + dA) + qR * dR * (DR + dR);
          }
          if (right < n) {
            const xc = vals[right]!, dA = xa - xc, dR = xra - (hc ? xc : 0);
            fr = qA * dA * (DA + dA) + qR * dR * (DR + dR);
          }
          // a's side of the filter, once a candidate is visited.
          let ready = false, countA = 0, tauA = 0, twiceUvA = 0, margin = 0;
          // Phase 0 walks the list (with `split`, its partners at their start rep only); phase 1 then walks the
          // partners away from their start rep, outwards from the same minimum: `left` / `right` index `awayIdx`.
          let phase = 0, end = n;
          for (;;) {
            let useLeft = true, fv = 0;
            let stop = left < 0 && right >= end;
            if (!stop) {
              useLeft = fl <= fr;
              fv = useLeft ? fl : fr;
              if (-fv <= floor) stop = true;
              else {
                if (!ready) {
                  ready = true;
                  const homeA = ownHomes[t]!, locA = own.locs[t]!, origA = own.origs[t]!;
                  countA = homeA === r ? 1 : homeA === s ? -1 : 0;
                  const uA = inverse[(locA >= 0 && locS === locA ? 1 : 0) + (origA === s ? 2 : 0)]!;
                  const vA = inverse[(locA >= 0 && locR === locA ? 1 : 0) + (origA === r ? 2 : 0)]!;
                  const cost = cA * xa * (aS + xa) + nIntoS + cR * xra * (rS + xra);
                  const relief = cA * xa * (aR - xa) + nOutOfR + cR * xra * (rR - xra);
                  tauA = cost * uA - relief * vA;
                  twiceUvA = 2 * (uA + vA);
                  // The terms' magnitude grows with xc: the list's largest ARR bounds it for every candidate.
                  const xcMax = vals[n - 1]!, xrcMax = hc ? xcMax : 0;
                  const size = cA * xa * (aBoth + 2 * xa) + nBoth + cR * xra * (rBoth + 2 * xra) + cA * xcMax * (aBoth + 2 * xcMax) + cR * xrcMax * (rBoth + 2 * xrcMax);
                  margin = FILTER_MARGIN * (size + 8 * (cA * xa * xcMax + cR * xra * xrcMax + Math.abs(cN))) + FILTER_FLOOR;
                }
                // Partners at their start rep need −ΔF above 2·max(best ratio, cut) + margin: where the nearest
                // fails, the rest of them fail too.
                if (phase === 0 && split && -fv <= 2 * (fRatio > bar ? fRatio : bar) - margin) stop = true;
              }
            }
            if (stop) {
              if (phase !== 0 || !(exceptOnly || (split && awayN > 0))) break;
              // Split: the partners away from their start rep, in the order the full walk visits them. A
              // partner at its start rep that ties with one of them in ratio has twice its −ΔF, so the full walk
              // visits it first too: taking phase 0 first keeps the step found, ties included. Except-only: the
              // walk without the partners it would find braked, so with the same outcome.
              phase = 1;
              let at: number;
              if (exceptOnly) {
                end = exceptN;
                while (exceptPointer < exceptN && vals[second![exceptPointer]!]! < xStar) exceptPointer++;
                at = exceptPointer;
              } else {
                end = awayN;
                while (awayPointer < awayN && vals[second![awayPointer]!]! < xStar) awayPointer++;
                at = awayPointer;
              }
              right = at;
              left = at - 1;
              fl = Infinity;
              fr = Infinity;
              if (left >= 0) {
                const xc = vals[second![left]!]!, dA = xa - xc, dR = xra - (hc ? xc : 0);
                fl = qA * dA * (DA + dA) + qR * dR * (DR + dR);
              }
              if (right < end) {
                const xc = vals[second![right]!]!, dA = xa - xc, dR = xra - (hc ? xc : 0);
                fr = qA * dA * (DA + dA) + qR * dR * (DR + dR);
              }
              continue;
            }
            // The candidate, then the next value on its side (the same expression as before, so the same order).
            let i: number;
            if (useLeft) {
              i = phase === 0 ? left : second![left]!;
              left--;
              fl = Infinity;
              if (left >= 0) {
                const xc = vals[phase === 0 ? left : second![left]!]!, dA = xa - xc, dR = xra - (hc ? xc : 0);
                fl = qA * dA * (DA + dA) + qR * dR * (DR + dR);
              }
            } else {
              i = phase === 0 ? right : second![right]!;
              right++;
              fr = Infinity;
              if (right < end) {
                const xc = vals[phase === 0 ? right : second![right]!]!, dA = xa - xc, dR = xra - (hc ? xc : 0);
                fr = qA * dA * (DA + dA) + qR * dR * (DR + dR);
              }
            }
            const homeC = homes[i]!;
            if (split && phase === 0 && homeC !== s) continue; // walked in phase 1
            const dCount = countA + (homeC === s ? 1 : homeC === r ? -1 : 0);
            const refused = away + dCount > M;
            if (refused && limited) continue; // refused by the budget, and `limited` already says so
            // Cannot beat the best ratio so far, or the cut? (−ΔF is at most margin − fv; ratio = −ΔF / max(1, dCount).)
            if (!refused && margin - fv <= (fRatio > bar ? fRatio : bar) * (dCount > 1 ? dCount : 1)) continue;
            const xc = vals[i]!, xrc = hc ? xc : 0;
            const locC = locs[i]!, origC = origs[i]!;
            const uC = inverse[(locC >= 0 && locR === locC ? 1 : 0) + (origC === r ? 2 : 0)]!;
            const vC = inverse[(locC >= 0 && locS === locC ? 1 : 0) + (origC === s ? 2 : 0)]!;
            const costC = cA * xc * (aR + xc) + nIntoR + cR * xrc * (rR + xrc);
            const reliefC = cA * xc * (aS - xc) + nOutOfS + cR * xrc * (rS - xrc);
            const dot = cA * xa * xc + cR * xra * xrc + cN;
            const both = tauA + (costC * uC - reliefC * vC);
            const forwardBraked = both - 2 * (uC + vC) * dot > margin;
            const backwardBraked = both - twiceUvA * dot > margin;
            if (forwardBraked && backwardBraked) continue;
            const p = ownIds[t]!;
            const q = ids[i]!;
            // Either order may pass the brake (it weighs the halves differently); p first is tried first.
            if (!forwardBraked) {
              const forward = swapDelta(p, q, r, s);
              if (forward === forward) {
                consider(2, p, q, forward, dCount, tau);
                continue;
              }
            }
            if (!backwardBraked) {
              const backward = swapDelta(q, p, s, r);
              if (backward === backward) consider(2, q, p, backward, dCount, tau);
            }
          }
        }
      }
    }
  };

  /** max of −a·x² + b·x over x in [lo, hi] (a ≥ 0): the best a concave gain can do on a list's range. */
  const concaveMax = (a: number, b: number, lo: number, hi: number) => {
    const x = a > 0 ? Math.min(hi, Math.max(lo, b / (2 * a))) : b > 0 ? hi : lo;
    return -a * x * x + b * x;
  };

  /**
   * Upper bound on −ΔF of moving an account of class h from → to: Σ_d c_d·[2x_d(L_from − L_to) − 2x_d²]
   * with x over the class list's range (the count term is fixed); -Infinity when the list is empty.
   */
  const moveBound = (from: number, to: number, h: number) => {
    const list = lists[2 * from + h]!;
    if (list.length === 0) return -Infinity;
    const gA = LA[from]! - LA[to]!, gR = LR[from]! - LR[to]!;
    const lo = list.vals[0]!, hi = list.vals[list.length - 1]!;
    const gain = h ? concaveMax(2 * (cA + cR), 2 * (cA * gA + cR * gR), lo, hi) : concaveMax(2 * cA, 2 * cA * gA, lo, hi);
    return 2 * cN * (LN[from]! - LN[to]! - 1) + gain;
  };

  /**
   * Upper bound on −ΔF of swapping a class-ha account of r with a class-hc account of s:
   * −ΔF = −2cA·δA(DA + δA) − 2cR·δR(DR + δR) with δR = xa·ha − xc·hc; -Infinity when a list is empty.
   */
  const swapBound = (r: number, s: number, ha: number, hc: number) => {
    const own = lists[2 * r + ha]!, other = lists[2 * s + hc]!;
    if (own.length === 0 || other.length === 0) return -Infinity;
    const DA = LA[s]! - LA[r]!, DR = LR[s]! - LR[r]!;
    const arrPart = (cA * DA * DA) / 2;
    // Both high-risk: δA = δR = δ, one quadratic.
    if (ha && hc) return cA + cR > 0 ? ((cA * DA + cR * DR) * (cA * DA + cR * DR)) / (2 * (cA + cR)) : 0;
    if (!ha && !hc) return arrPart;
    // One high-risk account: δR is its ARR (a's, or minus c's), bounded by its list's range.
    return ha
      ? arrPart + concaveMax(2 * cR, -2 * cR * DR, own.vals[0]!, own.vals[own.length - 1]!)
      : arrPart + concaveMax(2 * cR, 2 * cR * DR, other.vals[0]!, other.vals[other.length - 1]!);
  };

  // ---- pairs of reps: best step (exact) or an upper bound -------------------------------------------
  // Pair (r, s), r < s, is leaf r·k + s of a tournament tree whose root is the pair to look at next.
  const P = k * k;
  const exact = new Uint8Array(P);
  const rho = new Float64Array(P).fill(-Infinity); // BOUND pairs: upper bound on the ratio of any accepted step
  const epoch = new Int32Array(P); // steps taken when the pair was last evaluated (tau moves with F)
  const evaluatedUnderBudget = new Uint8Array(P); // a bound that relied on the budget count at the time
  const sKind = new Uint8Array(P), sFirst = new Int32Array(P), sSecond = new Int32Array(P), sCount = new Int8Array(P);
  const sDelta = new Float64Array(P), sRatio = new Float64Array(P);
  const movable = (i: number) => lists[2 * i]!.length + lists[2 * i + 1]!.length;
  // Two tournament trees over the pairs: every pair by its key (the next to look at), and the known
  // steps alone (the best of them is the cut an evaluation must beat).
  const all = tournament(P, exact);
  const steps = tournament(P, exact);
  const update = (p: number) => {
    all.update(p, exact[p] ? sRatio[p]! : rho[p]!);
    steps.update(p, exact[p] ? sRatio[p]! : -Infinity);
  };

  /** Analytic upper bound on −ΔF of any step between r and s (moves both ways and swaps). */
  const pairBound = (r: number, s: number) => {
    let best = -Infinity;
    for (let ha = 0; ha < 2; ha++) for (let hc = 0; hc < 2; hc++) best = Math.max(best, swapBound(r, s, ha, hc));
    if (LN[s]! < cap[s]!) best = Math.max(best, moveBound(r, s, 0), moveBound(r, s, 1));
    if (LN[r]! < cap[r]!) best = Math.max(best, moveBound(s, r, 0), moveBound(s, r, 1));
    return best;
  };

  const reset = (r: number, s: number) => {
    const p = r < s ? r * k + s : s * k + r;
    exact[p] = 0;
    evaluatedUnderBudget[p] = 0;
    rho[p] = r < s ? pairBound(r, s) : pairBound(s, r);
    update(p);
  };
  for (let r = 0; r < k; r++) {
    for (let s = r + 1; s < k; s++) {
      const p = r * k + s;
      rho[p] = pairBound(r, s);
      all.place(p, rho[p]!);
      steps.place(p, -Infinity);
    }
  }
  all.build();
  steps.build();

  /**
   * Evaluates pair (r, s) exactly: its best accepted step if that beats `cut` (the best known step
   * elsewhere), else an upper bound on what it could offer. Candidates with −ΔF ≤ max(cut, tau) are
   * skipped: they are either not accepted or no better than `cut`.
   */
  const evaluate = (p: number, r: number, s: number, cut: number, tau: number) => {
    fRatio = -Infinity;
    fFirst = NONE;
    floor = Math.max(cut, tau);
    bar = cut > tau ? cut : -Infinity;
    limited = false;
    searchMoves(r, s, 0, tau);
    searchMoves(s, r, 1, tau);
    if (movable(r) > 0 && movable(s) > 0) searchSwaps(r, s, tau);
    epoch[p] = records.length;
    if (fFirst !== NONE && fRatio > cut) {
      exact[p] = 1;
      sKind[p] = fKind;
      sFirst[p] = fFirst;
      sSecond[p] = fSecond;
      sDelta[p] = fDelta;
      sRatio[p] = fRatio;
      sCount[p] = fCount;
    } else {
      exact[p] = 0;
      // Above tau, skipped candidates are bounded by cut; at or below it, every accepted one was visited.
      rho[p] = cut > tau ? cut : fRatio;
      evaluatedUnderBudget[p] = limited ? 1 : 0;
    }
    update(p);
  };

  // ---- apply a step ---------------------------------------------------------------------------------
  const shareDriver: RefineRecord['shareDriver'] = cA > 0 ? 'arr' : cN > 0 ? 'accounts' : 'risk';
  const targetOf = shareDriver === 'arr' ? Math.sqrt(ctx.tArr2) : shareDriver === 'accounts' ? Math.sqrt(ctx.tAccounts2) : Math.sqrt(ctx.tRisk2);
  const share = (i: number) => (shareDriver === 'arr' ? LA[i]! : shareDriver === 'accounts' ? LN[i]! : LR[i]!) / targetOf;
  const relocate = (j: number, from: number, to: number) => {
    const h = classOf(j);
    lists[2 * from + h]!.remove(xArr[j]!, j);
    lists[2 * to + h]!.insert(xArr[j]!, j);
    LA[from]! -= xArr[j]!;
    LN[from]! -= 1;
    LR[from]! -= xRisk[j]!;
    LA[to]! += xArr[j]!;
    LN[to]! += 1;
    LR[to]! += xRisk[j]!;
    away += budgetDelta(j, to);
    local[j] = to;
  };

  let iterations = 0;
  let verifiedAt = -1; // records.length at the last full verification
  for (;;) {
    if ((++iterations & 255) === 0) {
      if (control.cancelled?.()) throw new RefineCancelled();
      yield;
    }
    const tau = ACCEPT * segmentF(ctx, loads);
    const pick = all.top();
    if (pick < 0 || (!exact[pick] && rho[pick] === -Infinity)) {
      // Nothing left by the bounds. Pairs verified before the last step saw a larger F (a stricter
      // tau): look at them once more, so the end is a local optimum under the final F.
      if (verifiedAt === records.length) break;
      verifiedAt = records.length;
      for (let r = 0; r < k; r++) {
        for (let s = r + 1; s < k; s++) {
          const p = r * k + s;
          if (exact[p] || epoch[p] === records.length) continue;
          rho[p] = Infinity;
          update(p);
        }
      }
      continue;
    }
    if (!exact[pick]) {
      const best = steps.top();
      evaluate(pick, Math.floor(pick / k), pick % k, best >= 0 && exact[best] ? sRatio[best]! : -Infinity, tau);
      continue;
    }
    const chosen = pick;
    const r = Math.floor(chosen / k), s = chosen % k;
    // Apply the pair's step and record it.
    const kind = sKind[chosen]!, first = sFirst[chosen]!, second = sSecond[chosen]!;
    const from = local[first]!, to = kind === 2 ? local[second]! : kind === 0 ? s : r;
    const fromBefore = share(from), toBefore = share(to);
    const countBefore = away;
    relocate(first, from, to);
    if (kind === 2) relocate(second, to, from);
    records.push({
      kind: kind === 2 ? 'swap' : 'move',
      first,
      second: kind === 2 ? second : NONE,
      from,
      to,
      deltaF: sDelta[chosen]!,
      shareDriver,
      fromShare: [fromBefore, share(from)],
      toShare: [toBefore, share(to)],
      budgetCount: rebalance ? away : null,
    });
    control.onProgress?.(records.length);
    // Pairs of the two reps start over from their analytic bound.
    for (let t = 0; t < k; t++) {
      if (t !== r) reset(r, t);
      if (t !== s) reset(s, t);
    }
    if (rebalance && away !== countBefore) {
      // A fuller budget can make a stored step infeasible; an emptier one can make refused candidates feasible.
      for (let x = 0; x < k; x++) {
        for (let y = x + 1; y < k; y++) {
          const p = x * k + y;
          if (exact[p] ? away + sCount[p]! > M : away < countBefore && evaluatedUnderBudget[p]) reset(x, y);
        }
      }
    }
  }
  return result();
}

/**
 * A tournament tree over n leaves: the root holds the leaf with the highest key (ties: a known step
 * first, then the lower index). Keys live in a typed array beside the tree. An update costs O(log n);
 * the top is O(1).
 */
function tournament(n: number, exact: Uint8Array) {
  let size = 1;
  while (size < n) size <<= 1;
  const tree = new Int32Array(2 * size).fill(-1);
  const keys = new Float64Array(n);
  const better = (x: number, y: number) => {
    if (x < 0) return y;
    if (y < 0) return x;
    const kx = keys[x]!, ky = keys[y]!;
    if (kx !== ky) return kx > ky ? x : y;
    if (exact[x] !== exact[y]) return exact[x] ? x : y;
    return x < y ? x : y;
  };
  return {
    place: (p: number, key: number) => {
      keys[p] = key;
      tree[size + p] = p;
    },
    build: () => {
      for (let node = size - 1; node >= 1; node--) tree[node] = better(tree[2 * node]!, tree[2 * node + 1]!);
    },
    update: (p: number, key: number) => {
      keys[p] = key;
      let node = size + p;
      tree[node] = p;
      for (node >>= 1; node >= 1; node >>= 1) tree[node] = better(tree[2 * node]!, tree[2 * node + 1]!);
    },
    top: () => tree[1]!,
  };
}
