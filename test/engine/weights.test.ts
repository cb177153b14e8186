/** The weight rule of SPEC §10.1: an edit takes from the least recently edited other driver. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INITIAL_WEIGHT_ORDER, setWeightLeastRecent, type DriverName, type WeightEditOrder, type Weights } from '../../src/engine/index.js';

const set = (w: Weights, d: DriverName, v: number, order: WeightEditOrder = INITIAL_WEIGHT_ORDER, risk = true) => setWeightLeastRecent(w, d, v, order, risk);

describe('setWeightLeastRecent', () => {
  it('takes the first edit from Risk, then from the driver the first edit left alone: 50/30/20 in two edits', () => {
    const first = set({ arr: 34, accounts: 33, risk: 33 }, 'arr', 50);
    expect(first).toEqual({ weights: { arr: 50, accounts: 33, risk: 17 }, order: ['risk', 'accounts', 'arr'] });
    const second = set(first.weights, 'accounts', 30, first.order);
    expect(second).toEqual({ weights: { arr: 50, accounts: 30, risk: 20 }, order: ['risk', 'arr', 'accounts'] });
  });

  it('starts from Risk, then Accounts, then ARR when nothing was edited', () => {
    expect(set({ arr: 34, accounts: 33, risk: 33 }, 'accounts', 40).weights).toEqual({ arr: 34, accounts: 40, risk: 26 });
    expect(set({ arr: 34, accounts: 33, risk: 33 }, 'risk', 40).weights).toEqual({ arr: 34, accounts: 26, risk: 40 });
  });

  it('clamps the least recent driver to 0–100 and takes the remainder from the third', () => {
    expect(set({ arr: 34, accounts: 33, risk: 33 }, 'arr', 90).weights).toEqual({ arr: 90, accounts: 10, risk: 0 });
    expect(set({ arr: 0, accounts: 100, risk: 0 }, 'arr', 100).weights).toEqual({ arr: 100, accounts: 0, risk: 0 });
    expect(set({ arr: 100, accounts: 0, risk: 0 }, 'arr', 0).weights).toEqual({ arr: 0, accounts: 0, risk: 100 });
  });

  it('rounds to whole percentages and clamps the value itself', () => {
    expect(set({ arr: 34, accounts: 33, risk: 33 }, 'arr', 49.6).weights).toEqual({ arr: 50, accounts: 33, risk: 17 });
    expect(set({ arr: 34, accounts: 33, risk: 33 }, 'arr', 140).weights).toEqual({ arr: 100, accounts: 0, risk: 0 });
    expect(set({ arr: 34, accounts: 33, risk: 33 }, 'arr', -5).weights).toEqual({ arr: 0, accounts: 33, risk: 67 });
    const w = { arr: 34, accounts: 33, risk: 33 };
    expect(set(w, 'arr', Number.NaN)).toEqual({ weights: w, order: INITIAL_WEIGHT_ORDER });
  });

  it('keeps Risk at 0 without risk: ARR and Accounts share 100, and Risk cannot be set', () => {
    const w = { arr: 50, accounts: 50, risk: 0 };
    expect(set(w, 'arr', 70, INITIAL_WEIGHT_ORDER, false).weights).toEqual({ arr: 70, accounts: 30, risk: 0 });
    expect(set(w, 'accounts', 10, ['arr', 'accounts', 'risk'], false).weights).toEqual({ arr: 90, accounts: 10, risk: 0 });
    expect(set(w, 'risk', 20, INITIAL_WEIGHT_ORDER, false)).toEqual({ weights: w, order: INITIAL_WEIGHT_ORDER });
  });

  const weights = fc
    .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
    .map(([a, b]) => ({ arr: Math.min(a, b), accounts: Math.max(a, b) - Math.min(a, b), risk: 100 - Math.max(a, b) }));
  const order = fc.shuffledSubarray<DriverName>(['arr', 'accounts', 'risk'], { minLength: 3, maxLength: 3 });
  const driver = fc.constantFrom<DriverName>('arr', 'accounts', 'risk');

  it('always sums to 100 in whole percentages within 0–100 and sets the edited driver exactly', () => {
    fc.assert(
      fc.property(weights, driver, fc.integer({ min: 0, max: 100 }), order, (w, d, v, o) => {
        const { weights: next, order: after } = set(w, d, v, o);
        expect(next[d]).toBe(v);
        expect(next.arr + next.accounts + next.risk).toBe(100);
        for (const x of Object.values(next)) expect(Number.isInteger(x) && x >= 0 && x <= 100).toBe(true);
        expect(after[after.length - 1]).toBe(d);
        expect([...after].sort()).toEqual(['accounts', 'arr', 'risk']);
      }),
    );
  });

  it('reaches any exact split in at most two edits, from any weights and edit order', () => {
    fc.assert(
      fc.property(weights, order, weights, fc.tuple(driver, driver).filter(([a, b]) => a !== b), (start, o, target, [x, y]) => {
        const first = set(start, x, target[x], o);
        expect(set(first.weights, y, target[y], first.order).weights).toEqual(target);
      }),
    );
  });
});
