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

  it('runs one book after another on the same workers: each run sends its book once to each worker, whose later slices reuse it', async () => {
    const small = generatedBook(150, 7, 12), larger = generatedBook(2000, 20, 5);
    const pool = createOptimizePool(2);
    const seen: { slices: number; books: number }[] = [];
    try {
      for (const [book, settings] of [[larger, settingsFor(larger)], [small, settingsFor(small, { geoBonus: 0.03 })], [larger, settingsFor(larger, { weights: { arr: 20, accounts: 30, risk: 50 } })]] as const) {
        const before = pool.stats();
        expect(await pool.run(book, settings)).toEqual(optimizeWeights(book, settings));
        const after = pool.stats();
        seen.push({ slices: after.slices - before.slices, books: after.books - before.books });
      }
    } finally {
      await pool.close();
    }
    // Every run sent its own book to both workers, and the 2,000-account runs went out in many slices.
    expect(seen.map((r) => r.books)).toEqual([2, 2, 2]);
    expect(seen[0]!.slices).toBeGreaterThan(6);
    expect(seen[2]!.slices).toBeGreaterThan(6);
  });

  it('runs asked for at once take turns and each gets its own answer', async () => {
    const a = generatedBook(1200, 14, 7), b = generatedBook(300, 9, 8);
    const pool = createOptimizePool(2);
    try {
      const [ra, rb, ra2] = await Promise.all([pool.run(a, settingsFor(a)), pool.run(b, settingsFor(b)), pool.run(a, settingsFor(a, { geoBonus: 0 }))]);
      expect(ra).toEqual(optimizeWeights(a, settingsFor(a)));
      expect(rb).toEqual(optimizeWeights(b, settingsFor(b)));
      expect(ra2).toEqual(optimizeWeights(a, settingsFor(a, { geoBonus: 0 })));
    } finally {
      await pool.close();
    }
  });
});
