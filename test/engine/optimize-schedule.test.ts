import { describe, expect, it } from 'vitest';
import { EngineSession, optimizeWeights, runOptimize, scoreWeights, weightGrid, type Book, type OptimizeLane, type Settings } from '../../src/engine/index.js';
import { generatedBook, settingsFor } from '../helpers/books.js';

/** A lane that scores on this thread and records the slices it was handed. */
function lane(book: Book, settings: Settings, sliceMs?: number) {
  const grid = weightGrid(book.riskEnabled);
  const session = new EngineSession(book);
  const slices: [number, number][] = [];
  const executor: OptimizeLane = {
    score: async (from, to) => {
      slices.push([from, to]);
      await new Promise((resolve) => setTimeout(resolve, 0));
      return scoreWeights(book, settings, grid, from, to, session);
    },
    ...(sliceMs === undefined ? {} : { sliceMs }),
  };
  return { executor, slices };
}

describe('the Optimize scheduler', () => {
  const book = generatedBook(80, 5, 3);
  const settings = settingsFor(book, { geoBonus: 0.02 });
  const total = weightGrid(book.riskEnabled).length;

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
