/**
 * Refinement and rebalancing (SPEC §15, §15.1): moves and swaps between the reps of one segment that
 * lower F = Σ_r Σ_d w_d·(L_{r,d}/T_d)², under §15's acceptance rule (ΔF < −1e-12·F and the bonus
 * brake), caps, locks and — in rebalance mode — the move budget.
 *
 * Search: best improvement. Every step takes the accepted, feasible move or swap with the largest
 * F decrease ÷ max(1, change in the budget count) (outside rebalance mode the divisor is 1). That is
 * what §15.1 prescribes for rebalancing, and in fresh mode it lands where a best-improvement local
 * search lands. It is fast because a step changes the loads of two reps only:
 * - the candidates are kept per pair of reps; a pair not touched by a step keeps its best step;
 * - an untouched pair is first given an analytic upper bound on what any of its steps can gain, and
 *   is evaluated exactly only when that bound could beat the best known step (lazy best-first);
 * - within a pair, ΔF of moving an account, or of swapping an account for one of a given risk class, is
 *   a convex quadratic of the other account's ARR, so candidates are visited outwards from its minimum
 *   over accounts sorted by ARR and the visit stops once ΔF can no longer win — the swap check over all
 *   account pairs (10⁹ at 100k accounts) becomes a one-dimensional search per account.
 * Deterministic: pairs, lists and ties are visited in a fixed order.
 */
import type { SegmentContext } from './prepare.js';
import type { SegmentLoads } from './score.js';
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
const NONE = -1;

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
  const lists: number[][] = [];
  for (let i = 0; i < 2 * k; i++) lists.push([]);
  const classOf = (j: number) => (xRisk[j]! > 0 ? 1 : 0);
  const before = (x: number, j: number, y: number, q: number) => x < y || (x === y && j < q);
  for (let j = 0; j < m; j++) if (local[j]! >= 0 && locked[j] === 0) lists[2 * local[j]! + classOf(j)]!.push(j);
  for (const list of lists) list.sort((p, q) => xArr[p]! - xArr[q]! || p - q);
  const insertAt = (list: number[], j: number) => {
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(xArr[list[mid]!]!, list[mid]!, xArr[j]!, j)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** First index whose ARR is ≥ x. */
  const lowerBound = (list: number[], x: number) => {
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xArr[list[mid]!]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  // ---- the best step of one pair of reps ------------------------------------------------------------
  // Found step: kind 0 = move r→s, 1 = move s→r, 2 = swap (first mover `s1` from its rep, `s2` back).
  let fKind = 0, fFirst = NONE, fSecond = NONE, fDelta = 0, fRatio = -Infinity, fCount = 0;
  let v = -Infinity; // the largest −ΔF of a brake-passing, feasible candidate seen
  let limited = false; // a candidate was refused only by the budget

  /** A move of position j from rep `from` to rep `to`: ΔF, or NaN when refused by the brake. */
  const moveDelta = (j: number, from: number, to: number) => {
    const xa = xArr[j]!, xr = xRisk[j]!;
    const cost = cA * xa * (2 * LA[to]! + xa) + cN * (2 * LN[to]! + 1) + cR * xr * (2 * LR[to]! + xr);
    const relief = cA * xa * (2 * LA[from]! - xa) + cN * (2 * LN[from]! - 1) + cR * xr * (2 * LR[from]! - xr);
    return cost / (1 + bonus(j, to)) < relief / (1 + bonus(j, from)) ? cost - relief : NaN;
  };

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
    if (-delta > v) v = -delta;
    if (!(delta < -tau)) return;
    const ratio = -delta / Math.max(1, dCount);
    if (ratio > fRatio) {
      fKind = kind;
      fFirst = first;
      fSecond = second;
      fDelta = delta;
      fRatio = ratio;
      fCount = dCount;
    }
  };

  /** Moves from rep `from` to rep `to`, visited outwards from the ΔF minimum in each risk class. */
  const searchMoves = (from: number, to: number, kind: number, cut: number, tau: number) => {
    if (LN[to]! >= cap[to]!) return;
    const DA = LA[to]! - LA[from]!, DR = LR[to]! - LR[from]!;
    const countPart = 2 * cN * (LN[to]! - LN[from]! + 1);
    for (let h = 0; h < 2; h++) {
      const list = lists[2 * from + h]!;
      if (list.length === 0) continue;
      // ΔF(x) = 2cA·x(DA + x) + 2cR·h·x(DR + x) + countPart, convex in x.
      const curve = (x: number) => 2 * cA * x * (DA + x) + (h ? 2 * cR * x * (DR + x) : 0) + countPart;
      const denom = cA + (h ? cR : 0);
      const xStar = denom > 0 ? -(cA * DA + (h ? cR * DR : 0)) / (2 * denom) : 0;
      let right = lowerBound(list, xStar), left = right - 1;
      while (left >= 0 || right < list.length) {
        const fl = left >= 0 ? curve(xArr[list[left]!]!) : Infinity;
        const fr = right < list.length ? curve(xArr[list[right]!]!) : Infinity;
        const useLeft = fl <= fr;
        const bound = useLeft ? fl : fr;
        if (-bound <= Math.max(cut, tau, fRatio)) break;
        const j = list[useLeft ? left-- : right++]!;
        const delta = moveDelta(j, from, to);
        if (delta === delta) consider(kind, j, NONE, delta, budgetDelta(j, to), tau);
      }
    }
  };

  /** Swaps of every account of rep r with one of rep s, each searched outwards from its ΔF minimum. */
  const searchSwaps = (r: number, s: number, cut: number, tau: number) => {
    const DA = LA[s]! - LA[r]!, DR = LR[s]! - LR[r]!;
    for (let ha = 0; ha < 2; ha++) {
      for (const p of lists[2 * r + ha]!) {
        const xa = xArr[p]!, xra = xRisk[p]!;
        for (let hc = 0; hc < 2; hc++) {
          const list = lists[2 * s + hc]!;
          if (list.length === 0) continue;
          // ΔF(xc) = 2cA·δA(DA + δA) + 2cR·δR(DR + δR), δA = xa − xc, δR = xra − hc·xc: convex in xc.
          const curve = (xc: number) => {
            const dA = xa - xc, dR = xra - (hc ? xc : 0);
            return 2 * cA * dA * (DA + dA) + 2 * cR * dR * (DR + dR);
          };
          const denom = cA + (hc ? cR : 0);
          const xStar = denom > 0 ? (cA * (DA + 2 * xa) + (hc ? cR * (DR + 2 * xra) : 0)) / (2 * denom) : 0;
          let right = lowerBound(list, xStar), left = right - 1;
          // The best this account can do with this class, at the list's nearest value to the minimum.
          const nearest = Math.min(right < list.length ? curve(xArr[list[right]!]!) : Infinity, left >= 0 ? curve(xArr[list[left]!]!) : Infinity);
          if (-nearest <= Math.max(cut, tau, fRatio)) continue;
          while (left >= 0 || right < list.length) {
            const fl = left >= 0 ? curve(xArr[list[left]!]!) : Infinity;
            const fr = right < list.length ? curve(xArr[list[right]!]!) : Infinity;
            const useLeft = fl <= fr;
            if (-(useLeft ? fl : fr) <= Math.max(cut, tau, fRatio)) break;
            const q = list[useLeft ? left-- : right++]!;
            const dCount = budgetDelta(p, s) + budgetDelta(q, r);
            // Either order may pass the brake (it weighs the halves differently); p first is tried first.
            const forward = swapDelta(p, q, r, s);
            if (forward === forward) consider(2, p, q, forward, dCount, tau);
            else {
              const backward = swapDelta(q, p, s, r);
              if (backward === backward) consider(2, q, p, backward, dCount, tau);
            }
          }
        }
      }
    }
  };

  // ---- pairs of reps: best step (exact) or upper bounds --------------------------------------------
  const P = k * k;
  const exact = new Uint8Array(P);
  const rho = new Float64Array(P); // upper bound on the ratio of any accepted step (BOUND pairs)
  const upper = new Float64Array(P); // upper bound on −ΔF of any brake-passing feasible candidate
  const evaluatedUnderBudget = new Uint8Array(P); // a bound that relied on the budget count at the time
  const sKind = new Uint8Array(P), sFirst = new Int32Array(P), sSecond = new Int32Array(P), sCount = new Int8Array(P);
  const sDelta = new Float64Array(P), sRatio = new Float64Array(P);
  const movable = (i: number) => lists[2 * i]!.length + lists[2 * i + 1]!.length;

  /** Analytic upper bound on −ΔF of any step between r and s (moves both ways and swaps). */
  const pairBound = (r: number, s: number) => {
    let best = -Infinity;
    const nr = movable(r), ns = movable(s);
    if (nr > 0 && ns > 0) {
      const DA = LA[s]! - LA[r]!, DR = LR[s]! - LR[r]!;
      best = (cA * DA * DA + cR * DR * DR) / 2;
    }
    // A move from → to gains Σ_d c_d·[2x_d(L_from − L_to) − 2x_d²] at most: the maximum over x ≥ 0 per class.
    const moveBound = (from: number, to: number) => {
      const gA = LA[from]! - LA[to]!, gR = LR[from]! - LR[to]!;
      const plain = gA > 0 ? (cA * gA * gA) / 2 : 0;
      const lin = cA * gA + cR * gR;
      const risky = lin > 0 && cA + cR > 0 ? (lin * lin) / (2 * (cA + cR)) : 0;
      return 2 * cN * (LN[from]! - LN[to]! - 1) + Math.max(plain, risky);
    };
    if (nr > 0 && LN[s]! < cap[s]!) best = Math.max(best, moveBound(r, s));
    if (ns > 0 && LN[r]! < cap[r]!) best = Math.max(best, moveBound(s, r));
    return best;
  };

  const reset = (r: number, s: number) => {
    const p = r < s ? r * k + s : s * k + r;
    exact[p] = 0;
    evaluatedUnderBudget[p] = 0;
    rho[p] = upper[p] = r < s ? pairBound(r, s) : pairBound(s, r);
  };
  for (let r = 0; r < k; r++) for (let s = r + 1; s < k; s++) reset(r, s);

  /** Evaluates pair (r, s) exactly above `cut`: its best step if that beats `cut`, else tighter bounds. */
  const evaluate = (r: number, s: number, cut: number, tau: number) => {
    const p = r * k + s;
    fRatio = -Infinity;
    fFirst = NONE;
    v = -Infinity;
    limited = false;
    searchMoves(r, s, 0, cut, tau);
    searchMoves(s, r, 1, cut, tau);
    if (movable(r) > 0 && movable(s) > 0) searchSwaps(r, s, cut, tau);
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
      // Candidates not visited have −ΔF ≤ max(cut, tau); those visited are bounded by v.
      rho[p] = Math.max(cut, tau);
      upper[p] = Math.max(v, cut, tau);
      evaluatedUnderBudget[p] = limited ? 1 : 0;
    }
  };

  // ---- apply a step ---------------------------------------------------------------------------------
  const shareDriver: RefineRecord['shareDriver'] = cA > 0 ? 'arr' : cN > 0 ? 'accounts' : 'risk';
  const targetOf = shareDriver === 'arr' ? Math.sqrt(ctx.tArr2) : shareDriver === 'accounts' ? Math.sqrt(ctx.tAccounts2) : Math.sqrt(ctx.tRisk2);
  const share = (i: number) => (shareDriver === 'arr' ? LA[i]! : shareDriver === 'accounts' ? LN[i]! : LR[i]!) / targetOf;
  const relocate = (j: number, from: number, to: number) => {
    const h = classOf(j);
    const out = lists[2 * from + h]!;
    out.splice(insertAt(out, j), 1);
    const into = lists[2 * to + h]!;
    into.splice(insertAt(into, j), 0, j);
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
  for (;;) {
    if ((++iterations & 255) === 0 && control.cancelled?.()) throw new RefineCancelled();
    const tau = ACCEPT * segmentF(ctx, loads);
    // The pair to look at: the best known step, or a pair whose bound could beat it.
    let pick = -1, pickKey = -Infinity, pickExact = 0, bestExact = -Infinity;
    for (let r = 0; r < k; r++) {
      for (let s = r + 1; s < k; s++) {
        const p = r * k + s;
        if (exact[p]) {
          const key = sRatio[p]!;
          if (key > bestExact) bestExact = key;
          if (key > pickKey || (key === pickKey && !pickExact)) {
            pick = p;
            pickKey = key;
            pickExact = 1;
          }
        } else if (upper[p]! > tau && rho[p]! > pickKey) {
          pick = p;
          pickKey = rho[p]!;
          pickExact = 0;
        }
      }
    }
    if (pick < 0) break;
    const r = Math.floor(pick / k), s = pick % k;
    if (!pickExact) {
      evaluate(r, s, bestExact, tau);
      continue;
    }
    // Apply the pair's step and record it.
    const kind = sKind[pick]!, first = sFirst[pick]!, second = sSecond[pick]!;
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
      deltaF: sDelta[pick]!,
      shareDriver,
      fromShare: [fromBefore, share(from)],
      toShare: [toBefore, share(to)],
      budgetCount: rebalance ? away : null,
    });
    control.onProgress?.(records.length);
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
