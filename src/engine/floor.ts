/**
 * Best achievable spread per driver (SPEC §15): the CV% no assignment of a segment's accounts to its k
 * reps can beat, locks and caps ignored. A whale account bigger than a rep's target makes some
 * imbalance unavoidable; the pane and the Fairness sheet show this floor beside the actual CV%.
 */
import { driverScore } from './metrics.js';
import type { SegmentPrep } from './prepare.js';
import type { DriverName } from './types.js';

/** Floor CV% per driver; null where the driver is undefined (no reps, no accounts, or a zero total). */
export type FloorCv = Readonly<Record<DriverName, number | null>>;

/**
 * Water-filling: the k largest contributions one per rep, every other rep at the level λ that spends the
 * rest, so loads are L_j = max(m_j, λ). `descending` holds the segment's contributions largest first.
 */
export function waterFillLoads(descending: ArrayLike<number>, total: number, k: number): Float64Array {
  const loads = new Float64Array(k);
  if (k === 0) return loads;
  let rest = total;
  for (let t = 0; t < k; t++) {
    // Reps t..k-1 share what is left evenly unless the next largest account alone is above that level.
    const level = rest / (k - t);
    const m = t < descending.length ? descending[t]! : 0;
    if (m <= level) {
      loads.fill(level, t);
      return loads;
    }
    loads[t] = m;
    rest -= m;
  }
  return loads;
}

/** The even split of n accounts: n mod k reps at ⌈n/k⌉, the rest at ⌊n/k⌋. */
export function evenCountLoads(n: number, k: number): Float64Array {
  const loads = new Float64Array(k);
  if (k === 0) return loads;
  const low = Math.floor(n / k), high = n % k;
  for (let i = 0; i < k; i++) loads[i] = i < high ? low + 1 : low;
  return loads;
}

/** Floor CV% of each driver of a prepared segment (its accounts are in ARR-descending order). */
export function floorCv(prep: SegmentPrep, riskEnabled: boolean): FloorCv {
  const k = prep.reps.length;
  const cv = (loads: Float64Array) => driverScore(loads)?.cv ?? null;
  if (k === 0 || prep.accounts.length === 0) return { arr: null, accounts: null, risk: null };
  // High-risk contributions keep the ARR order, so their first k non-zero values are the k largest.
  const riskTop: number[] = [];
  for (let j = 0; j < prep.xRisk.length && riskTop.length < k; j++) if (prep.xRisk[j]! > 0) riskTop.push(prep.xRisk[j]!);
  return {
    arr: cv(waterFillLoads(prep.xArr, prep.totalArr, k)),
    accounts: cv(evenCountLoads(prep.accounts.length, k)),
    risk: riskEnabled ? cv(waterFillLoads(riskTop, prep.totalRiskArr, k)) : null,
  };
}
