import { describe, expect, it } from 'vitest';
import {
  allocate,
  overallFairness,
  optimizeWeights,
  pickBestWeights,
  scoreWeights,
  sensitivity,
  nearestPosition,
  sensitivityThresholds,
  sliderPosition,
  thresholdSlider,
  weightGrid,
  weightGridSize,
} from '../../src/engine/index.js';
import { generatedBook, greedySettingsFor } from '../helpers/books.js';

describe('threshold slider (SPEC §3)', () => {
  const positions = (employees: number[]) => {
    const slider = thresholdSlider(employees);
    return Array.from({ length: slider.count }, (_, i) => sliderPosition(slider, i));
  };

  it('walks the nice-number grid on a log scale when the data spans more than a decade', () => {
    // The sample book's spread (min 10, max 140,741): 42 positions from 10 to 150,000.
    const sample = thresholdSlider([10, 389, 2714, 140_741]);
    expect(sample).toMatchObject({ scale: 'log', min: 10, max: 150_000, count: 42, defaultValue: 1000 });
    expect(positions([10, 140_741]).slice(0, 12)).toEqual([10, 15, 20, 25, 30, 40, 50, 60, 75, 100, 125, 150]);
    expect(positions([10, 140_741])).toEqual(expect.arrayContaining([250, 500, 1000, 2000, 5000, 7500, 125_000]));
    // Below 10 only the integer mantissas: 0–6.
    expect(positions([0, 100])).toEqual([0, 1, 2, 3, 4, 5, 6, 10, 15, 20, 25, 30, 40, 50, 60, 75, 100]);
    // lo = largest grid value ≤ min, hi = smallest ≥ max.
    expect(thresholdSlider([3, 41])).toMatchObject({ scale: 'log', min: 3, max: 50 });
    expect(thresholdSlider([7, 71])).toMatchObject({ scale: 'log', min: 6, max: 75 });
    expect(thresholdSlider([5000, 2_000_000])).toMatchObject({ scale: 'log', min: 5000, max: 2_000_000 });
  });

  it('uses the linear scale for a decade or less, with the step from the spread', () => {
    expect(thresholdSlider([120, 1_150])).toMatchObject({ scale: 'linear', min: 100, max: 1200, step: 100, count: 12, defaultValue: 1000 });
    expect(thresholdSlider([150, 995])).toMatchObject({ scale: 'linear', min: 150, max: 1000, step: 10, defaultValue: 1000 });
    expect(thresholdSlider([1500, 11_500])).toMatchObject({ scale: 'linear', min: 1000, max: 12_000, step: 1000 });
    // max = 10 · max(min, 1) is still linear; one more employee makes it log.
    expect(thresholdSlider([100, 1000]).scale).toBe('linear');
    expect(thresholdSlider([100, 1001]).scale).toBe('log');
    expect(thresholdSlider([0, 10]).scale).toBe('linear');
    expect(thresholdSlider([0, 11]).scale).toBe('log');
  });

  it('defaults to 1000 inside the range, else the median at the nearest position, ties to the higher', () => {
    expect(thresholdSlider([0, 100]).defaultValue).toBe(50); // median 50 is a position
    expect(thresholdSlider([3, 7, 40]).defaultValue).toBe(6); // median 7: 6 is nearer than 10
    expect(thresholdSlider([2, 22, 23, 50]).defaultValue).toBe(25); // median 22.5: 20 and 25 tie → 25
    expect(thresholdSlider([5000, 1_000_000, 1_005_000, 2_000_000]).defaultValue).toBe(1_000_000);
    expect(thresholdSlider([5, 20, 35, 44, 90])).toMatchObject({ scale: 'log', defaultValue: 40 }); // 35: 30 and 40 tie → 40
    expect(thresholdSlider([2000, 2100, 2960])).toMatchObject({ scale: 'linear', step: 10, defaultValue: 2100 });
  });

  it('puts a typed value at the nearest position (ties to the higher), clamped to the ends', () => {
    const slider = thresholdSlider([10, 140_741]);
    const at = (v: number) => sliderPosition(slider, nearestPosition(slider, v));
    expect([at(1234), at(1125), at(1126), at(0), at(1e9), at(250)]).toEqual([1250, 1250, 1250, 10, 150_000, 250]);
    expect(at(1124)).toBe(1000);
  });
});

describe('sensitivity samples (SPEC §6)', () => {
  it('takes every position up to 50, else 50 evenly spaced ones, plus the current threshold', () => {
    const sample = thresholdSlider([10, 140_741]);
    expect(sensitivityThresholds(sample)).toHaveLength(42);
    expect(sensitivityThresholds(sample, 1000)).toHaveLength(42); // 1000 is a position
    const typed = sensitivityThresholds(sample, 1234);
    expect(typed).toHaveLength(43);
    expect(typed.slice(typed.indexOf(1000), typed.indexOf(1000) + 3)).toEqual([1000, 1234, 1250]);
    // 86 positions from 1 to 1e9: P_j with j = round(i·85/49).
    const wide = thresholdSlider([1, 1e9]);
    expect(wide.count).toBe(86);
    const t = sensitivityThresholds(wide);
    expect(t).toHaveLength(50);
    expect([t[0], t[1], t[2], t[49]]).toEqual([sliderPosition(wide, 0), sliderPosition(wide, 2), sliderPosition(wide, 3), 1e9]);
    expect(sensitivityThresholds(thresholdSlider([100, 400]))).toEqual(Array.from({ length: 31 }, (_, i) => 100 + 10 * i));
    expect(sensitivityThresholds(thresholdSlider([0, 0]))).toEqual([0]);
  });

  it('samples the current weights and bonuses, each equal to a full run at that threshold', () => {
    const book = generatedBook(300, 9, 11);
    const settings = greedySettingsFor(book, { weights: { arr: 40, accounts: 40, risk: 20 }, geoBonus: 0.07 });
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
    expect([weightGridSize(true), weightGridSize(false)]).toEqual([5151, 101]);
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
    const settings = greedySettingsFor(book);
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
    const result = optimizeWeights(book, greedySettingsFor(book), {
      chunkSize: 1000,
      onProgress: (done) => progress.push(done),
      shouldCancel: () => ++calls > 2,
    });
    expect(result).toBeNull();
    expect(progress).toEqual([1000, 2000]);
  });
});
