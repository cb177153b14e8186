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
});
