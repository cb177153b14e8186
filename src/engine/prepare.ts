/**
 * Per-threshold preparation of the two segments (SPEC §4, §15): each segment's reps, its accounts in
 * allocation order with their contributions, and the effective locks, in flat arrays. Independent of
 * weights and bonuses, so one preparation serves every Optimize run at a threshold; `segmentContext`
 * adds the weights, targets and caps of one run.
 */
import { compareCodeUnits } from './cells.js';
import { SEGMENTS, type Book, type SegmentIndex, type Settings } from './types.js';

/** Per-threshold data of one segment, independent of weights and bonuses. */
export interface SegmentPrep {
  readonly segment: SegmentIndex;
  /** Global rep indexes of the segment's reps, Reps-sheet order (local index = position here). */
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
  /** Per position: the local rep an effective lock pins the account to, -1 when none (SPEC §15). */
  readonly lockLocal: Int32Array;
  readonly lockCount: number;
  /** Account indexes whose Locked / Locked_Rep could not apply in this segment, allocation order. */
  readonly lockNotApplied: Int32Array;
  /** Each rep's own Max_Accounts (local index), -1 when blank. */
  readonly ownCap: Int32Array;
}

/** A prepared segment plus the weights, targets and caps of one run. */
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
  /** Cap per local rep: its Max_Accounts, else the segment default; Infinity for none. */
  readonly cap: Float64Array;
  /** True when some rep has a finite cap (the kernel then keeps its candidate set). */
  readonly capped: boolean;
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

/** Splits the book at a threshold and lays each segment out in flat arrays (O(accounts)). */
export function prepareSegments(book: Book, threshold: number, riskCutoff: number, ranks: Int32Array): readonly [SegmentPrep, SegmentPrep] {
  const orders = segmentOrders(book, threshold);
  return [prepareSegment(book, 0, orders[0], riskCutoff, ranks), prepareSegment(book, 1, orders[1], riskCutoff, ranks)] as const;
}

function prepareSegment(book: Book, segment: SegmentIndex, accounts: Int32Array, riskCutoff: number, ranks: Int32Array): SegmentPrep {
  const segmentName = SEGMENTS[segment]!;
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
  const lockLocal = new Int32Array(m).fill(-1);
  const notApplied: number[] = [];
  const { arr, risk, locationId, originalRepIndex, locked, lockedRepIndex } = book.accounts;
  const riskOn = book.riskEnabled;
  let totalArr = 0, totalRiskArr = 0, lockCount = 0;
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
    // Locked_Rep pins whatever Locked says; Locked pins to the Original_Rep. Either applies only
    // when that rep is in the account's segment (SPEC §15).
    const pinnedTo = lockedRepIndex[a]! >= 0 ? lockedRepIndex[a]! : locked[a] === 1 ? originalRepIndex[a]! : -2;
    if (pinnedTo === -2) continue;
    const target = pinnedTo >= 0 ? local[pinnedTo + 1]! : -1;
    if (target >= 0) {
      lockLocal[j] = target;
      lockCount++;
    } else notApplied.push(a);
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
    lockLocal, lockCount, lockNotApplied: Int32Array.from(notApplied),
    ownCap: Int32Array.from(repList, (r) => book.reps[r]!.maxAccounts ?? -1),
  };
}

/** A prepared segment plus the weights of the drivers in scoring (T_d ≠ 0) and the caps of one run. */
export function segmentContext(prep: SegmentPrep, settings: Settings): SegmentContext {
  const k = prep.reps.length;
  const tArr = k > 0 ? prep.totalArr / k : 0;
  const tAccounts = k > 0 ? prep.totalAccounts / k : 0;
  const tRisk = k > 0 ? prep.totalRiskArr / k : 0;
  const useArr = tArr !== 0, useAccounts = tAccounts !== 0, useRisk = tRisk !== 0;
  const segmentCap = settings.maxAccounts[SEGMENTS[prep.segment]!];
  const cap = new Float64Array(k);
  let capped = false;
  for (let i = 0; i < k; i++) {
    const own = prep.ownCap[i]!;
    cap[i] = own >= 0 ? own : segmentCap ?? Infinity;
    if (cap[i] !== Infinity) capped = true;
  }
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
    cap,
    capped,
  };
}
