/** Coupled weight sliders: moving one keeps the three summing to 100 in 1 % steps. */
import type { DriverName, Weights } from './types.js';

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
