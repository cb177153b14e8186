/**
 * The greedy kernels side by side (docs/PERFORMANCE.md): per weight combination, allocateLoads +
 * Overall Balanced (what every Optimize run does) on the TypeScript kernel and on the WebAssembly one,
 * every 17th grid point of the 10k / 60 bench book, three rounds; the values must be identical.
 *
 *   npx tsx bench/kernel-compare.ts
 */
import { defaultSettings, EngineSession, scoreWeightsAt, weightGrid } from '../src/engine/index.js';
import { benchBook } from '../bench/books.js';
const { book } = benchBook(10_000, 60, 1);
const settings = { ...defaultSettings(book), refine: false };
const grid = weightGrid(true);
const idx = grid.map((_, i) => i).filter((i) => i % 17 === 0);
for (let r = 0; r < 3; r++) {
  const out: Record<string, (number|null)[]> = {};
  for (const wasm of [false, true]) {
    const s = new EngineSession(book, { wasm });
    const t = performance.now();
    out[String(wasm)] = scoreWeightsAt(book, settings, grid, idx, s);
    console.log(wasm ? 'wasm' : 'ts  ', ((performance.now() - t) / idx.length).toFixed(3), 'ms per combination (allocateLoads + overallFairness)');
  }
  if (JSON.stringify(out.true) !== JSON.stringify(out.false)) throw new Error('the kernels disagree');
  console.log('identical values');
}
