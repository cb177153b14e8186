/** Coupled weight sliders: moving one keeps the three summing to 100 in 1 % steps. */
import type { DriverName, Weights } from './types.js';

/** The same three weights. */
export function sameWeights(a: Weights, b: Weights): boolean {
  return a.arr === b.arr && a.accounts === b.accounts && a.risk === b.risk;
}

/**
 * Sets `driver` to `value` and shares the remainder among the other unlocked drivers in
 * proportion to their current values (largest remainder; ties to the earlier driver);
 * when they are all 0 the remainder is split evenly. Risk is locked at 0 when disabled.
 */

export function setWeight(weights: Weights, driver: DriverName, value: number, riskEnabled: boolean): Weights {
  const drivers: DriverName[] = riskEnabled ? ['arr', 'accounts', 'risk'] : ['arr', 'accounts'];
  if (!drivers.includes(driver)) return weights;
  const v = Math.max(0, Math.min(100, Math.round(value)));
  const others = drivers.filter((d) => d !== driver);
  const remainder = 100 - v;
  const current = others.map((d) => weights[d]);
  const total = current.reduce((s, x) => s + x, 0);
  const shares = total === 0 ? others.map(() => remainder / others.length) : current.map((x) => (remainder * x) / total);
  const floors = shares.map(Math.floor);
  let left = remainder - floors.reduce((s, x) => s + x, 0);
  const byFraction = shares.map((s, i) => ({ i, f: s - floors[i]! })).sort((a, b) => b.f - a.f || a.i - b.i);
  for (const { i } of byFraction) {
    if (left <= 0) break;
    floors[i]!++;
    left--;
  }
  const next: Record<DriverName, number> = { arr: 0, accounts: 0, risk: 0 };
  next[driver] = v;
  others.forEach((d, i) => (next[d] = floors[i]!));
  return next;
}

/** The drivers in the order they were last edited, least recent first (SPEC §10.1). */
export type WeightEditOrder = readonly DriverName[];

/** Before any edit: Risk, Accounts, ARR (least recent first), so the first edit takes from Risk. */
export const INITIAL_WEIGHT_ORDER: WeightEditOrder = ['risk', 'accounts', 'arr'];

/**
 * Sets `driver` to `value` (a whole percentage, clamped to 0–100) and keeps the sum at 100 by
 * changing the least recently edited other driver, clamped to 0–100; any remainder comes from the
 * third. The edited driver becomes the most recent, so an exact split takes at most two edits (the
 * second edit always takes from the driver the first one did not set). Same rule for sliders and
 * number boxes (SPEC §10.1). Risk is locked at 0 when disabled: ARR and Accounts then share 100.
 */
export function setWeightLeastRecent(
  weights: Weights,
  driver: DriverName,
  value: number,
  order: WeightEditOrder,
  riskEnabled: boolean,
): { weights: Weights; order: WeightEditOrder } {
  const drivers: DriverName[] = riskEnabled ? ['arr', 'accounts', 'risk'] : ['arr', 'accounts'];
  if (!drivers.includes(driver) || !Number.isFinite(value)) return { weights, order };
  const v = Math.max(0, Math.min(100, Math.round(value)));
  // Least recent first; a driver missing from `order` counts as never edited (least recent).
  const rank = (d: DriverName) => order.indexOf(d);
  const others = drivers.filter((d) => d !== driver).sort((a, b) => rank(a) - rank(b));
  const next: Record<DriverName, number> = { arr: 0, accounts: 0, risk: 0 };
  next[driver] = v;
  if (others.length === 1) {
    next[others[0]!] = 100 - v;
  } else {
    const [least, third] = others as [DriverName, DriverName];
    next[least] = Math.max(0, Math.min(100, 100 - v - weights[third]));
    next[third] = 100 - v - next[least];
  }
  return { weights: next, order: [...order.filter((d) => d !== driver), driver] };
}
