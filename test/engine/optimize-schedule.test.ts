import { describe, expect, it } from 'vitest';
import {
  coarseGridIndices,
  EngineSession,
  optimizeWeights,
  pickBestWeights,
  runOptimize,
  scoreWeightsAt,
  weightGrid,
  type Book,
  type OptimizeLane,
  type OptimizeResult,
  type Settings,
} from '../../src/engine/index.js';
import { generatedBook, settingsFor } from '../helpers/books.js';

/** A lane that scores on this thread and records the slices it was handed. */
function lane(book: Book, settings: Settings, sliceMs?: number) {
  const grid = weightGrid(book.riskEnabled);
  const session = new EngineSession(book);
  const slices: [number, number][] = [];
  const handed: number[][] = [];
  const executor: OptimizeLane = {
    score: async (indices) => {
      handed.push([...indices]);
      slices.push([indices[0]!, indices.at(-1)! + 1]);
      await new Promise((resolve) => setTimeout(resolve, 0));
      return scoreWeightsAt(book, settings, grid, indices, session);
    },
    ...(sliceMs === undefined ? {} : { sliceMs }),
  };
  return { executor, slices, handed };
}

describe('the Optimize scheduler', () => {
  const book = generatedBook(80, 5, 3);
  const settings = settingsFor(book, { geoBonus: 0.02 });
  const total = weightGrid(book.riskEnabled).length;

  it('hands out contiguous runs of the grid when no provisional answer is asked for', async () => {
    const lanes = [lane(book, settings, 5), lane(book, settings, 5)];
    await runOptimize(book.riskEnabled, settings.weights, lanes.map((l) => l.executor));
    for (const indices of lanes.flatMap((l) => l.handed)) expect(indices).toEqual(indices.map((_, i) => indices[0]! + i));
  });

  it('gives lanes without a slice time one even share each, and finds what the serial search finds', async () => {
    const lanes = [lane(book, settings), lane(book, settings), lane(book, settings)];
    const result = await runOptimize(book.riskEnabled, settings.weights, lanes.map((l) => l.executor));
    const share = Math.ceil(total / 3);
    expect(lanes.map((l) => l.slices)).toEqual([[[0, share]], [[share, 2 * share]], [[2 * share, total]]]);
    expect(result).toEqual(optimizeWeights(book, settings));
  });

  it('sizes slices from each lane speed, covers the grid once in order, and reports progress to the total', async () => {
    const lanes = [lane(book, settings, 5), lane(book, settings, 5)];
    const progress: number[] = [];
    const result = await runOptimize(book.riskEnabled, settings.weights, lanes.map((l) => l.executor), { onProgress: (done) => progress.push(done) });
    const slices = lanes.flatMap((l) => l.slices).sort((a, b) => a[0] - b[0]);
    expect(slices[0]).toEqual([0, 8]);
    slices.forEach(([from], i) => expect(from).toBe(i === 0 ? 0 : slices[i - 1]![1]));
    expect(slices.at(-1)![1]).toBe(total);
    expect(slices.every(([from, to]) => to - from >= 1 && to - from <= 400)).toBe(true);
    expect(progress.at(-1)).toBe(total);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(result).toEqual(optimizeWeights(book, settings));
  });

  it('near the end each of two lanes takes at most half of what is left, so neither waits long for the other', async () => {
    // A slice time so long that slices reach their largest size (400) at once.
    const lanes = [lane(book, settings, 1e6), lane(book, settings, 1e6)];
    const result = await runOptimize(book.riskEnabled, settings.weights, lanes.map((l) => l.executor));
    const slices = lanes.flatMap((l) => l.slices).sort((a, b) => a[0] - b[0]);
    expect(slices.some(([from, to]) => to - from === 400)).toBe(true);
    for (const [from, to] of slices) expect(to - from).toBeLessThanOrEqual(Math.ceil((total - from) / 2));
    expect(slices.at(-1)![1]).toBe(total);
    expect(result).toEqual(optimizeWeights(book, settings));
  });

  it('stops handing out slices once cancelled and resolves null', async () => {
    const one = lane(book, settings, 5);
    let progressCalls = 0;
    const result = await runOptimize(book.riskEnabled, settings.weights, [one.executor], {
      onProgress: () => progressCalls++,
      shouldCancel: () => one.slices.length >= 3,
    });
    expect(result).toBeNull();
    expect(one.slices).toHaveLength(3);
    expect(progressCalls).toBe(2);
  });
});

describe('the provisional answer (the 5 % grid first)', () => {
  it('the 5 % grid is the 231 (21 without risk) grid points whose weights are all multiples of 5, a subset of the 1 % grid', () => {
    for (const risk of [true, false]) {
      const grid = weightGrid(risk);
      const coarse = coarseGridIndices(risk);
      expect(coarse).toHaveLength(risk ? 231 : 21);
      expect(new Set(coarse).size).toBe(coarse.length);
      expect(coarse).toEqual([...coarse].sort((a, b) => a - b));
      for (const i of coarse) {
        const w = grid[i]!;
        expect([w.arr % 5, w.accounts % 5, w.risk % 5]).toEqual([0, 0, 0]);
        expect(w.arr + w.accounts + w.risk).toBe(100);
      }
      // Every multiple-of-5 split is there (subset, and the whole of it).
      const count = grid.filter((w) => w.arr % 5 === 0 && w.accounts % 5 === 0 && w.risk % 5 === 0).length;
      expect(count).toBe(coarse.length);
    }
  });

  it('scores the 5 % grid (and the current weights) first, hands over its best by the same rules with the current value, then the exact result equal to the serial search', async () => {
    const book = generatedBook(120, 6, 9);
    // Current weights off the 5 % grid, so the L1 tie rule has something to measure.
    const settings = settingsFor(book, { geoBonus: 0.03, weights: { arr: 47, accounts: 31, risk: 22 } });
    const grid = weightGrid(true);
    const coarse = coarseGridIndices(true);
    // The first part of the work: the 5 % grid and the current weights (off it).
    const currentAt = grid.findIndex((w) => w.arr === 47 && w.accounts === 31 && w.risk === 22);
    const first = [...coarse, currentAt];
    const lanes = [lane(book, settings, 5), lane(book, settings, 5)];
    let provisional: OptimizeResult | null = null;
    let scoredWhenProvisional = -1;
    const scored = () => lanes.reduce((n, l) => n + l.handed.flat().length, 0);
    const result = await runOptimize(book.riskEnabled, settings.weights, lanes.map((l) => l.executor), {
      onProvisional: (p) => {
        provisional = p;
        scoredWhenProvisional = scored();
      },
    });
    // Every grid point scored; only a 5 % grid point still out when the rest was handed out is scored twice.
    const handedInOrder = lanes.flatMap((l) => l.handed).flat();
    expect([...new Set(handedInOrder)].sort((a, b) => a - b)).toEqual([...grid.keys()]);
    const twice = handedInOrder.filter((i, at) => handedInOrder.indexOf(i) !== at);
    expect(twice.every((i) => first.includes(i))).toBe(true);
    const firstSlices = lanes.flatMap((l) => l.handed.filter((s) => s.some((i) => first.includes(i))));
    for (const s of firstSlices) expect(s.every((i) => first.includes(i))).toBe(true);
    expect(scoredWhenProvisional).toBeLessThan(grid.length);
    // The provisional answer is the best of the 5 % grid by the tie rules, computed here independently.
    const coarseWeights = coarse.map((i) => grid[i]!);
    const coarseValues = scoreWeightsAt(book, settings, grid, coarse);
    const expected = pickBestWeights(coarseWeights, coarseValues, settings.weights);
    expect(provisional).not.toBeNull();
    expect(provisional!.weights).toEqual(expected.weights);
    expect(provisional!.balanced).toBe(expected.value);
    expect(provisional!.evaluated).toBe(231);
    // With it, the current weights' own (greedy) value, for the pane to show beside it.
    expect(provisional!.currentBalanced).toBe(scoreWeightsAt(book, settings, grid, [currentAt])[0]);
    // Brute force over the 5 % grid: nothing strictly better, and the pick wins the tie rules.
    const l1 = (w: { arr: number; accounts: number; risk: number }) =>
      Math.abs(w.arr - 47) + Math.abs(w.accounts - 31) + Math.abs(w.risk - 22);
    const top = Math.max(...coarseValues.filter((v): v is number => v !== null));
    const tied = coarseWeights.filter((_, i) => coarseValues[i] !== null && top - coarseValues[i]! <= 1e-9);
    expect(tied).toContainEqual(provisional!.weights);
    expect(Math.min(...tied.map(l1))).toBe(l1(provisional!.weights));
    // The exact result is unchanged by the order of the work.
    expect(result).toEqual(optimizeWeights(book, settings));
  });

  it('no provisional answer after a cancel', async () => {
    const book = generatedBook(80, 5, 3);
    const settings = settingsFor(book, {});
    const one = lane(book, settings, 5);
    let provisional = 0;
    const result = await runOptimize(book.riskEnabled, settings.weights, [one.executor], {
      shouldCancel: () => one.slices.length >= 1,
      onProvisional: () => provisional++,
    });
    expect(result).toBeNull();
    expect(provisional).toBe(0);
  });
});

describe('a lane held up by other work', () => {
  it('does not hold up the provisional answer: the 5 % grid slice it holds is scored again by a free lane, same answers', async () => {
    const book = generatedBook(120, 6, 9);
    const settings = settingsFor(book, { geoBonus: 0.03 });
    const grid = weightGrid(true);
    const coarse = coarseGridIndices(true);
    const free = lane(book, settings, 5);
    // The held lane's first slice comes back only after the free lane has finished the whole grid.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const heldSlices: number[][] = [];
    const session = new EngineSession(book);
    const stuck: OptimizeLane = {
      score: async (indices) => {
        heldSlices.push([...indices]);
        if (heldSlices.length === 1) await held;
        return scoreWeightsAt(book, settings, grid, indices, session);
      },
      sliceMs: 5,
    };
    let provisional: OptimizeResult | null = null;
    let provisionalCalls = 0;
    const progress: number[] = [];
    const run = runOptimize(book.riskEnabled, settings.weights, [stuck, free.executor], {
      onProvisional: (p) => {
        provisional = p;
        provisionalCalls++;
      },
      onProgress: (done) => progress.push(done),
    });
    // Let the free lane work until the provisional answer is in while the held slice is still out.
    for (let i = 0; i < 2000 && provisional === null; i++) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(provisional).not.toBeNull();
    expect(heldSlices).toHaveLength(1);
    expect(heldSlices[0]!.every((i) => coarse.includes(i))).toBe(true);
    release();
    const result = await run;
    expect(provisionalCalls).toBe(1);
    expect(provisional!.weights).toEqual(pickBestWeights(coarse.map((i) => grid[i]!), scoreWeightsAt(book, settings, grid, coarse), settings.weights).weights);
    expect(result).toEqual(optimizeWeights(book, settings));
    // Every combination counted once.
    expect(progress.at(-1)).toBe(grid.length);
    expect(Math.max(...progress)).toBe(grid.length);
  });
});

describe('a lane that joins late', () => {
  it('takes no slice until it is ready, then shares the rest; a lane that fails or never gets ready takes none and is not waited for; same answer as the serial search', async () => {
    const book = generatedBook(120, 6, 9);
    const settings = settingsFor(book, { geoBonus: 0.03 });
    const first = lane(book, settings, 5);
    const late = lane(book, settings, 5);
    const broken = lane(book, settings, 5);
    const stalled = lane(book, settings, 5);
    let join: () => void = () => {};
    const ready = new Promise<void>((resolve) => (join = resolve));
    const run = runOptimize(book.riskEnabled, settings.weights, [first.executor, { ...late.executor, ready }, { ...broken.executor, ready: Promise.reject(new Error('the worker did not start')) }, { ...stalled.executor, ready: new Promise(() => {}) }], {
      onProvisional: () => {},
    });
    // The first lane works alone until the late one joins.
    for (let i = 0; i < 2000 && first.handed.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(first.handed.length).toBeGreaterThanOrEqual(3);
    expect(late.handed).toHaveLength(0);
    join();
    const result = await run;
    expect(late.handed.length).toBeGreaterThan(0);
    expect(broken.handed).toHaveLength(0);
    expect(stalled.handed).toHaveLength(0);
    // Every grid point scored between the two lanes that worked (a 5 % grid slice may be scored twice: stolen).
    const all = [...new Set([...first.handed, ...late.handed].flat())].sort((a, b) => a - b);
    expect(all).toEqual([...weightGrid(book.riskEnabled).keys()]);
    const serial = optimizeWeights(book, settings)!;
    expect(result).toEqual(serial);
  });

  it('when every lane has a ready promise, the run waits for them and finds what the serial search finds', async () => {
    const book = generatedBook(120, 6, 9);
    const settings = settingsFor(book, { geoBonus: 0.03 });
    const a = lane(book, settings, 5), b = lane(book, settings, 5);
    const later = new Promise((resolve) => setTimeout(resolve, 20));
    const result = await runOptimize(book.riskEnabled, settings.weights, [{ ...a.executor, ready: later }, { ...b.executor, ready: Promise.resolve() }]);
    expect(a.handed.length + b.handed.length).toBeGreaterThan(0);
    expect(result).toEqual(optimizeWeights(book, settings));
  });

  it('once a lane fails the run rejects, and a lane that gets ready afterwards takes no slice', async () => {
    const book = generatedBook(120, 6, 9);
    const settings = settingsFor(book, { geoBonus: 0.03 });
    const late = lane(book, settings, 5);
    let join: () => void = () => {};
    const ready = new Promise<void>((resolve) => (join = resolve));
    let calls = 0;
    const failing: OptimizeLane = {
      score: async () => {
        calls++;
        throw new Error('the worker stopped');
      },
      sliceMs: 5,
    };
    await expect(runOptimize(book.riskEnabled, settings.weights, [failing, { ...late.executor, ready }])).rejects.toThrow('the worker stopped');
    join();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toBe(1);
    expect(late.handed).toHaveLength(0);
  });
});
