import { describe, expect, it } from 'vitest';
import {
  allocate,
  overallFairness,
  optimizeWeights,
  pickBestWeights,
  scoreWeights,
  sensitivity,
  sensitivityThresholds,
  thresholdSlider,
  weightGrid,
} from '../../src/engine/index.js';
import { generatedBook, settingsFor } from '../helpers/books.js';

describe('threshold slider (SPEC §3)', () => {
  it('picks the step from the spread and rounds the range outwards', () => {
    expect(thresholdSlider([5, 250_000])).toEqual({ min: 0, max: 250_000, step: 1000, defaultValue: 1000 });
    expect(thresholdSlider([120, 1_150])).toEqual({ min: 100, max: 1200, step: 100, defaultValue: 1000 });
    expect(thresholdSlider([15, 995])).toEqual({ min: 10, max: 1000, step: 10, defaultValue: 1000 });
  });

  it('defaults to the median rounded to the step when 1000 is outside the range', () => {
    expect(thresholdSlider([10, 20, 30, 44, 990]).defaultValue).toBe(30); // range [10, 990]: 1000 is outside
    expect(thresholdSlider([10, 20, 35, 44, 90])).toEqual({ min: 10, max: 90, step: 10, defaultValue: 40 });
    expect(thresholdSlider([2000, 2100, 2960]).defaultValue).toBe(2100);
  });
});

describe('sensitivity samples (SPEC §6)', () => {
  it('takes min(50, positions) evenly spaced slider positions', () => {
    const t = sensitivityThresholds({ min: 0, max: 250_000, step: 1000, defaultValue: 1000 });
    expect(t.length).toBe(50);
    expect(t[0]).toBe(0);
    expect(t[49]).toBe(250_000);
    expect(t[1]).toBe(5000); // round(250/49) = 5 steps
    expect(sensitivityThresholds({ min: 100, max: 400, step: 100, defaultValue: 100 })).toEqual([100, 200, 300, 400]);
    expect(sensitivityThresholds({ min: 0, max: 0, step: 10, defaultValue: 0 })).toEqual([0]);
  });

  it('samples the current weights and bonuses, each equal to a full run at that threshold', () => {
    const book = generatedBook(300, 9, 11);
    const settings = settingsFor(book, { weights: { arr: 40, accounts: 40, risk: 20 }, geoBonus: 0.07 });
    const slider = thresholdSlider(book.accounts.employees);
    const samples = sensitivity(book, settings, slider);
    const probe = samples[3]!;
    const fairness = overallFairness(book, allocate(book, { ...settings, threshold: probe.threshold }), settings.weights);
    expect(probe.balanced).toBe(fairness.balanced);
    expect(probe.custom).toBe(fairness.custom);
    expect(samples[0]!.dealSizeRatio).toBeNull(); // threshold at the minimum: no Mid-Market
  });
});

describe('Optimize Weights (SPEC §7)', () => {
  it('searches 5,151 combinations, or 101 when risk is disabled', () => {
    expect(weightGrid(true).length).toBe(5151);
    expect(weightGrid(false).length).toBe(101);
    expect(weightGrid(false).every((w) => w.risk === 0 && w.arr + w.accounts === 100)).toBe(true);
    expect(new Set(weightGrid(true).map((w) => `${w.arr}/${w.accounts}/${w.risk}`)).size).toBe(5151);
  });

  it('breaks ties by L1 distance, then higher ARR, then higher Accounts; null ranks last', () => {
    const grid = [
      { arr: 50, accounts: 50, risk: 0 },
      { arr: 40, accounts: 30, risk: 30 },
      { arr: 30, accounts: 40, risk: 30 },
      { arr: 34, accounts: 33, risk: 33 },
    ];
    const current = { arr: 34, accounts: 33, risk: 33 };
    expect(pickBestWeights(grid, [90, 95, 95 + 5e-10, null], current).weights).toEqual({ arr: 40, accounts: 30, risk: 30 });
    expect(pickBestWeights(grid, [90, 95, 95 + 5e-10, 95 - 5e-10], current).weights).toEqual(current);
    expect(pickBestWeights(grid, [90, 95, 95 + 2e-9, null], current).weights).toEqual({ arr: 30, accounts: 40, risk: 30 });
    expect(pickBestWeights(grid, [null, null, null, null], { arr: 1, accounts: 2, risk: 97 })).toEqual({ weights: { arr: 1, accounts: 2, risk: 97 }, value: null });
  });

  it('returns the best of the whole grid, and never changes the threshold', () => {
    const book = generatedBook(120, 6, 5);
    const settings = settingsFor(book);
    const result = optimizeWeights(book, settings)!;
    const grid = weightGrid(book.riskEnabled);
    const values = scoreWeights(book, settings, grid, 0, grid.length);
    const best = Math.max(...values.filter((v): v is number => v !== null));
    expect(result.balanced).toBe(best);
    expect(result.currentBalanced).toBe(overallFairness(book, allocate(book, settings), settings.weights).balanced);
    expect(result.balanced!).toBeGreaterThanOrEqual(result.currentBalanced!);
  });

  it('can be cancelled and reports progress', () => {
    const book = generatedBook(60, 4, 2);
    const progress: number[] = [];
    let calls = 0;
    const result = optimizeWeights(book, settingsFor(book), {
      chunkSize: 1000,
      onProgress: (done) => progress.push(done),
      shouldCancel: () => ++calls > 2,
    });
    expect(result).toBeNull();
    expect(progress).toEqual([1000, 2000]);
  });
});
