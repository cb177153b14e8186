import { describe, expect, it } from 'vitest';
import { optimizeWeights } from '../../src/engine/index.js';
import { createOptimizePool, workersFor } from '../../src/cli/optimize-pool.js';
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

  it('a run uses only the workers whose copies of the book fit in half of the free memory, and still finds what the serial search finds', async () => {
    const book = generatedBook(2000, 20, 5);
    const settings = settingsFor(book);
    // Room for one copy only: a worker needs ≈ 33.5 MiB at 2,000 accounts, half of 80 MiB holds one.
    let free = 80 * 2 ** 20;
    const pool = createOptimizePool(3, { freeMemory: () => free });
    try {
      const before = pool.stats();
      expect(await pool.run(book, settings)).toEqual(optimizeWeights(book, settings));
      expect(pool.stats().books - before.books).toBe(1);
      free = 1e12;
      const mid = pool.stats();
      expect(await pool.run(book, settings)).toEqual(optimizeWeights(book, settings));
      expect(pool.stats().books - mid.books).toBe(3);
    } finally {
      await pool.close();
    }
  });

  it('workersFor: every worker when memory allows, fewer at the row limit, never none', () => {
    const gib = 2 ** 30;
    expect(workersFor(10_000, 16, 8 * gib)).toBe(16);
    // 1,048,575 accounts: ≈ 0.87 GB a worker; 8 GB free → 4 GB for workers → 4.
    expect(workersFor(1_048_575, 16, 8 * gib)).toBe(4);
    expect(workersFor(1_048_575, 2, 8 * gib)).toBe(2);
    expect(workersFor(1_048_575, 16, 1 * gib)).toBe(1);
    expect(workersFor(1_048_575, 16, 0)).toBe(1);
  });
});
