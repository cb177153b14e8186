/**
 * FROZEN REFERENCE — a test helper, not product code. A verbatim copy of src/engine/refine.ts and
 * src/engine/refine-lists.ts as of commit d8ea6a7 (before the brake became part of the search), kept
 * so test/engine/refine-identical.test.ts can check that the faster search produces exactly the same
 * refinement (records, deltaF bit for bit, order, final assignment). Do not edit it to follow changes
 * of the product code: it is the behaviour the product must keep.
 *
 * Only the imports changed (paths into src/engine, and SortedAccounts inlined at the end).
 */
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
 * Once nothing is left, pairs last checked under a larger F (a stricter 1e-12·F) are checked again, so
 * the end is a local optimum under the final F. Deterministic: pairs, lists and ties in a fixed order.
 */
import type { SegmentContext } from '../../src/engine/prepare.js';
import type { SegmentLoads } from '../../src/engine/score.js';
import type { Settings } from '../../src/engine/types.js';

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
  const lists = members.map((entries) => SortedAccounts.of(entries, (j) => xArr[j]!));

  // ---- the best step of one pair of reps ------------------------------------------------------------
  // Found step: kind 0 = move r→s, 1 = move s→r, 2 = swap (first mover `s1` from its rep, `s2` back).
  let fKind = 0, fFirst = NONE, fSecond = NONE, fDelta = 0, fRatio = -Infinity, fCount = 0;
  let floor = 0; // a candidate needs −ΔF above this to matter: max(cut, tau, best ratio so far)
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

  /** Moves from rep `from` to rep `to`, visited outwards from the ΔF minimum in each risk class. */
  const searchMoves = (from: number, to: number, kind: number, tau: number) => {
    if (LN[to]! >= cap[to]!) return;
    const DA = LA[to]! - LA[from]!, DR = LR[to]! - LR[from]!;
    const countPart = 2 * cN * (LN[to]! - LN[from]! + 1);
    for (let h = 0; h < 2; h++) {
      const list = lists[2 * from + h]!;
      const n = list.length, vals = list.vals, ids = list.ids;
      if (n === 0 || moveBound(from, to, h) <= floor) continue;
      // ΔF(x) = 2cA·x(DA + x) + 2cR·h·x(DR + x) + countPart, convex in x.
      const qA = 2 * cA, qR = h ? 2 * cR : 0, dR = h ? DR : 0;
      const denom = cA + (h ? cR : 0);
      const xStar = denom > 0 ? -(cA * DA + (h ? cR * DR : 0)) / (2 * denom) : 0;
      let right = list.lowerBound(xStar), left = right - 1;
      while (left >= 0 || right < n) {
        let fl = Infinity, fr = Infinity;
        if (left >= 0) {
          const x = vals[left]!;
          fl = qA * x * (DA + x) + qR * x * (dR + x) + countPart;
        }
        if (right < n) {
          const x = vals[right]!;
          fr = qA * x * (DA + x) + qR * x * (dR + x) + countPart;
        }
        const useLeft = fl <= fr;
        if (-(useLeft ? fl : fr) <= floor) break;
        const j = ids[useLeft ? left-- : right++]!;
        const delta = moveDelta(j, from, to);
        if (delta === delta) consider(kind, j, NONE, delta, budgetDelta(j, to), tau);
      }
    }
  };

  /**
   * Swaps of an account of rep r with one of rep s. For an account a and a risk class of the other,
   * ΔF(xc) = 2cA·δA(DA + δA) + 2cR·δR(DR + δR) (δA = xa − xc, δR = xra − hc·xc) is convex in xc with its
   * minimum at an xc that grows with xa: one pointer walks s's list as a walks r's (two pointers), and
   * from it the candidates are visited outwards while they can still win.
   */
  const searchSwaps = (r: number, s: number, tau: number) => {
    const DA = LA[s]! - LA[r]!, DR = LR[s]! - LR[r]!;
    const qA = 2 * cA, qR = 2 * cR;
    for (let hc = 0; hc < 2; hc++) {
      const list = lists[2 * s + hc]!;
      const n = list.length, vals = list.vals, ids = list.ids;
      if (n === 0) continue;
      const denom = cA + (hc ? cR : 0);
      // xStar = slope·xa + offset (+ risk part): the minimum moves right as xa grows.
      const half = denom > 0 ? 1 / (2 * denom) : 0;
      for (let ha = 0; ha < 2; ha++) {
        if (swapBound(r, s, ha, hc) <= floor) continue;
        const own = lists[2 * r + ha]!;
        const ownVals = own.vals, ownIds = own.ids;
        const riskyOwn = ha === 1;
        let pointer = 0;
        for (let t = 0; t < own.length; t++) {
          const xa = ownVals[t]!, xra = riskyOwn ? xa : 0;
          const xStar = (cA * (DA + 2 * xa) + (hc ? cR * (DR + 2 * xra) : 0)) * half;
          while (pointer < n && vals[pointer]! < xStar) pointer++;
          let right = pointer, left = pointer - 1;
          while (left >= 0 || right < n) {
            let fl = Infinity, fr = Infinity;
            if (left >= 0) {
              const xc = vals[left]!, dA = xa - xc, dR = xra - (hc ? xc : 0);
              fl = qA * dA * (DA + dA) + qR * dR * (DR + dR);
            }
            if (right < n) {
              const xc = vals[right]!, dA = xa - xc, dR = xra - (hc ? xc : 0);
              fr = qA * dA * (DA + dA) + qR * dR * (DR + dR);
            }
            const useLeft = fl <= fr;
            if (-(useLeft ? fl : fr) <= floor) break;
            const p = ownIds[t]!;
            const q = ids[useLeft ? left-- : right++]!;
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
  const key = (p: number) => (exact[p] ? sRatio[p]! : rho[p]!);
  const stepKey = (p: number) => (exact[p] ? sRatio[p]! : -Infinity);
  const all = tournament(P, key, exact);
  const steps = tournament(P, stepKey, exact);
  const update = (p: number) => {
    all.update(p);
    steps.update(p);
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
      all.place(p);
      steps.place(p);
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
 * first, then the lower index). An update costs O(log n); the top is O(1).
 */
function tournament(n: number, key: (p: number) => number, exact: Uint8Array) {
  let size = 1;
  while (size < n) size <<= 1;
  const tree = new Int32Array(2 * size).fill(-1);
  const better = (x: number, y: number) => {
    if (x < 0) return y;
    if (y < 0) return x;
    const kx = key(x), ky = key(y);
    if (kx !== ky) return kx > ky ? x : y;
    if (exact[x] !== exact[y]) return exact[x] ? x : y;
    return x < y ? x : y;
  };
  return {
    place: (p: number) => {
      tree[size + p] = p;
    },
    build: () => {
      for (let node = size - 1; node >= 1; node--) tree[node] = better(tree[2 * node]!, tree[2 * node + 1]!);
    },
    update: (p: number) => {
      let node = size + p;
      tree[node] = p;
      for (node >>= 1; node >= 1; node >>= 1) tree[node] = better(tree[2 * node]!, tree[2 * node + 1]!);
    },
    top: () => tree[1]!,
  };
}

// ---- src/engine/refine-lists.ts, verbatim ----

/**
 * A rep's movable accounts of one risk class, sorted by ARR (ties by position), in flat typed arrays:
 * the refinement's one-dimensional searches read the values directly, and a move costs one shift.
 */
class SortedAccounts {
  /** ARR of each entry, ascending. */
  vals: Float64Array;
  /** Position (in the segment's allocation order) of each entry. */
  ids: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.vals = new Float64Array(Math.max(4, capacity));
    this.ids = new Int32Array(Math.max(4, capacity));
  }

  /** First index whose value is ≥ x. */
  lowerBound(x: number): number {
    let lo = 0, hi = this.length;
    const vals = this.vals;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (vals[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index where (x, id) sits or would sit. */
  private indexOf(x: number, id: number): number {
    let lo = this.lowerBound(x);
    while (lo < this.length && this.vals[lo] === x && this.ids[lo]! < id) lo++;
    return lo;
  }

  insert(x: number, id: number): void {
    if (this.length === this.vals.length) {
      const vals = new Float64Array(this.vals.length * 2), ids = new Int32Array(this.ids.length * 2);
      vals.set(this.vals);
      ids.set(this.ids);
      this.vals = vals;
      this.ids = ids;
    }
    const at = this.indexOf(x, id);
    this.vals.copyWithin(at + 1, at, this.length);
    this.ids.copyWithin(at + 1, at, this.length);
    this.vals[at] = x;
    this.ids[at] = id;
    this.length++;
  }

  remove(x: number, id: number): void {
    const at = this.indexOf(x, id);
    this.vals.copyWithin(at, at + 1, this.length);
    this.ids.copyWithin(at, at + 1, this.length);
    this.length--;
  }

  /** Builds from unsorted entries in one sort. */
  static of(entries: readonly number[], value: (id: number) => number): SortedAccounts {
    const sorted = [...entries].sort((p, q) => value(p) - value(q) || p - q);
    const list = new SortedAccounts(sorted.length * 2);
    sorted.forEach((id, i) => {
      list.vals[i] = value(id);
      list.ids[i] = id;
    });
    list.length = sorted.length;
    return list;
  }
}
