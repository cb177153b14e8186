import { describe, expect, it } from 'vitest';
import { balancedComposite, band, customComposite, driverStats, overallComposite, shownScore, type DriverSet } from '../../src/engine/index.js';

describe('fairness metrics (SPEC §5)', () => {
  it('gives the corrected Gini and CV% for the seed examples', () => {
    const tight = driverStats([2.8, 3.1, 2.9, 3.0, 2.7])!;
    expect(tight.gini).toBeCloseTo(0.028, 3);
    expect(tight.cv).toBeCloseTo(4.9, 1);
    const spread = driverStats([1.2, 5.8, 2.1, 6.5, 1.8])!;
    expect(spread.gini).toBeCloseTo(0.336, 3);
    expect(spread.cv).toBeCloseTo(63.5, 1);
    expect(spread.score).toBeCloseTo(100 - spread.cv, 12);
    expect(spread.minMaxRatio).toBeCloseTo(1.2 / 6.5, 12);
  });

  it('Gini matches the double-sum definition', () => {
    const xs = [5, 0, 3, 3, 11, 2];
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    let sum = 0;
    for (const a of xs) for (const b of xs) sum += Math.abs(a - b);
    expect(driverStats(xs)!.gini).toBeCloseTo(sum / (2 * xs.length ** 2 * mean), 14);
  });

  it('uses the population standard deviation and includes zero loads', () => {
    const s = driverStats([0, 10])!;
    expect(s.cv).toBe(100);
    expect(s.score).toBe(0);
    expect(s.minMaxRatio).toBe(0);
    expect(driverStats([0, 0, 30])!.score).toBe(0);
  });

  it('is undefined (null) when the mean is 0 or there are no reps', () => {
    expect(driverStats([0, 0, 0])).toBeNull();
    expect(driverStats([])).toBeNull();
  });

  it.each([
    [100, 'Dark Green'], [93.5, 'Dark Green'], [93.49, 'Light Green'], [88, 'Light Green'], [87.5, 'Light Green'],
    [87.49, 'Yellow'], [82, 'Yellow'], [81.5, 'Yellow'], [81.49, 'Orange'], [75, 'Orange'], [74.5, 'Orange'],
    [74.49, 'Red'], [0, 'Red'],
  ])('band of %d is %s (decided on the shown integer)', (score, expected) => {
    expect(band(score)).toBe(expected);
  });

  it('shows scores rounded half up', () => {
    expect(shownScore(93.5)).toBe(94);
    expect(shownScore(93.4999)).toBe(93);
  });

  it('composites: Custom weights defined drivers, Balanced is their plain mean', () => {
    const stat = (score: number) => ({ mean: 1, cv: 100 - score, score, gini: 0, minMaxRatio: 1 });
    const all: DriverSet = { arr: stat(90), accounts: stat(80), risk: stat(60) };
    expect(customComposite(all, { arr: 50, accounts: 50, risk: 0 })).toBe(85);
    expect(balancedComposite(all)).toBeCloseTo(230 / 3, 12);
    const noRisk: DriverSet = { arr: stat(90), accounts: stat(80), risk: null };
    expect(customComposite(noRisk, { arr: 34, accounts: 33, risk: 33 })).toBeCloseTo((34 * 90 + 33 * 80) / 67, 12);
    expect(customComposite({ arr: null, accounts: null, risk: stat(50) }, { arr: 50, accounts: 50, risk: 0 })).toBeNull();
    expect(balancedComposite({ arr: null, accounts: null, risk: null })).toBeNull();
  });

  it('Overall is the rep-count-weighted mean of defined segment composites', () => {
    expect(overallComposite([{ reps: 4, value: 90 }, { reps: 8, value: 60 }])).toBe(70);
    expect(overallComposite([{ reps: 4, value: null }, { reps: 8, value: 60 }])).toBe(60);
    expect(overallComposite([{ reps: 4, value: null }])).toBeNull();
  });
});
