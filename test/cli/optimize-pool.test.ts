import { describe, expect, it } from 'vitest';
import { optimizeWeights } from '../../src/engine/index.js';
import { createOptimizePool } from '../../src/cli/optimize-pool.js';
import { generatedBook, settingsFor } from '../helpers/books.js';

describe('Optimize on worker threads', () => {
  it('finds exactly what the single-threaded search finds', async () => {
    const book = generatedBook(150, 7, 12);
    const settings = settingsFor(book, { geoBonus: 0.03 });
    const pool = createOptimizePool(2);
    try {
      const parallel = await pool.run(book, settings);
      const serial = optimizeWeights(book, settings)!;
      expect(parallel).toEqual(serial);
    } finally {
      await pool.close();
    }
  });

  it('runs one book after another on the same workers: each run slices its own book, none keeps the last one', async () => {
    const small = generatedBook(150, 7, 12), larger = generatedBook(2000, 20, 5);
    const pool = createOptimizePool(2);
    const slices: number[] = [];
    try {
      for (const [book, settings] of [[larger, settingsFor(larger)], [small, settingsFor(small, { geoBonus: 0.03 })], [larger, settingsFor(larger, { weights: { arr: 20, accounts: 30, risk: 50 } })]] as const) {
        const before = pool.slices();
        expect(await pool.run(book, settings)).toEqual(optimizeWeights(book, settings));
        slices.push(pool.slices() - before);
      }
    } finally {
      await pool.close();
    }
    // The 2,000-account runs went out in many slices (later slices reuse the book the first one sent).
    expect(slices[0]).toBeGreaterThan(6);
    expect(slices[2]).toBeGreaterThan(6);
  });
});
